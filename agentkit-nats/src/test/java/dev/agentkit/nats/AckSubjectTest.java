package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckSubjectTest {
    private static final String NINE = "$JS.ACK.WORK.roy-work.3.1042.17.1715000000123456789.250";
    private static final String ELEVEN = "$JS.ACK._.ACCTHASH.WORK.roy-work.3.1042.17.1715000000123456789.250";
    private static final String TWELVE = "$JS.ACK.hub.ACCTHASH.WORK.roy-work.3.1042.17.1715000000123456789.250.xK9q";

    @ParameterizedTest
    @ValueSource(strings = {NINE, ELEVEN, TWELVE})
    void theStreamSequenceAndDeliveryCountAreReadAsJnatsReadsThem(String reply) {
        AckSubject ours = AckSubject.parse(reply);
        NatsJetStreamMetaData jnats = new NatsJetStreamMetaData(jetStream(reply));
        assertThat(ours).isEqualTo(new AckSubject("WORK", 1042, 3));
        assertThat(ours).isEqualTo(new AckSubject(jnats.getStream(), jnats.streamSequence(), jnats.deliveredCount()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$JS.ACK.WORK.roy-work.3.1042.17.1715000000123456789", // the old form without pending: jnats reads it
        "$JS.FC.WORK.roy-work.3.1042.17.1715000000123456789.250",
        "$JS.ACK.WORK.roy-work.x.1042.17.1715000000123456789.250",
        "$JS.ACK.WORK.roy-work.3.-1.17.1715000000123456789.250",
        "$JS.ACK.WORK.roy-work.0.1042.17.1715000000123456789.250",
        "$JS.ACK.WORK.roy-work.3..17.1715000000123456789.250",
        "$JS.ACK..roy-work.3.1042.17.1715000000123456789.250",
        "$JS.ACK.WORK..3.1042.17.1715000000123456789.250",
        "$JS.ACK.WORK.roy-work.3.99999999999999999999.17.1715000000123456789.250",
        "$JS.ACK.a.b.c.d.e.f.g.h.i.j.k.l.m",
        "$JS.ACK.a.b.c.d.e.f.g.h.i.j",
        "_INBOX.abc",
        ""
    })
    void anythingElseIsLeftToJnats(String reply) {
        assertThat(AckSubject.parse(reply)).isNull();
    }

    @Test
    void noReplySubjectIsLeftToJnats() {
        assertThat(AckSubject.parse(null)).isNull();
    }

    @Test
    void aDeliveryReadsItsReplySubjectAndFallsBackToJnatsForOtherForms() {
        JetStreamDelivery ours = new JetStreamDelivery(jetStream(TWELVE));
        assertThat(ours.stream()).isEqualTo("WORK");
        assertThat(ours.streamSequence()).isEqualTo(1042);
        assertThat(ours.deliveryCount()).isEqualTo(3);

        JetStreamDelivery old = new JetStreamDelivery(jetStream("$JS.ACK.OLD.c.2.7.7.1715000000123456789"));
        assertThat(old.stream()).isEqualTo("OLD");
        assertThat(old.streamSequence()).isEqualTo(7);
        assertThat(old.deliveryCount()).isEqualTo(2);
    }

    /** A message that says it came from JetStream, as the connection's reader makes them. */
    private static NatsMessage jetStream(String reply) {
        return new NatsMessage("agentkit.work.x", reply, new byte[0]) {
            @Override
            public boolean isJetStream() {
                return true;
            }

            @Override
            public NatsJetStreamMetaData metaData() {
                return new NatsJetStreamMetaData(this);
            }
        };
    }
}
