package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import io.nats.client.support.Status;
import org.junit.jupiter.api.Test;

/** How a pull reads the statuses JetStream sends into its inbox: which end it, which fail it, and how. */
class JetStreamPullTest {

    @Test
    void noMessagesExpiryNoRespondersAndALeadershipChangeEndThePull() {
        assertThat(JetStreamPull.ends(new Status(404, "No Messages"), "S/c")).isTrue();
        assertThat(JetStreamPull.ends(new Status(408, "Request Timeout"), "S/c")).isTrue();
        assertThat(JetStreamPull.ends(new Status(503, null), "S/c")).isTrue();
        assertThat(JetStreamPull.ends(new Status(409, Status.LEADERSHIP_CHANGE), "S/c")).isTrue();
        assertThat(JetStreamPull.ends(new Status(409, Status.BATCH_COMPLETED), "S/c")).isTrue();
    }

    @Test
    void aHeartbeatDoesNotEndThePull() {
        assertThat(JetStreamPull.ends(new Status(100, "Idle Heartbeat"), "S/c")).isFalse();
    }

    @Test
    void aDeletedConsumerOrTooManyWaitingPullsIsATransientFailureNamingTheConsumer() {
        assertThatThrownBy(() -> JetStreamPull.ends(new Status(409, "Consumer Deleted"), "S/c"))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("S/c").hasMessageContaining("Consumer Deleted");
        assertThatThrownBy(() -> JetStreamPull.ends(new Status(409, "Exceeded MaxWaiting"), "S/c"))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void aPullTheConsumerRefusesEveryTimeIsAPermanentFailure() {
        assertThatThrownBy(() -> JetStreamPull.ends(new Status(409, "Exceeded MaxRequestBatch of 10"), "S/c"))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("Exceeded MaxRequestBatch");
    }

    @Test
    void theNextSubjectIsTheConsumersPullApi() {
        assertThat(JetStreamPull.nextSubject("WORK", "roy")).isEqualTo("$JS.API.CONSUMER.MSG.NEXT.WORK.roy");
    }
}
