package dev.agentkit.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.topology.Subjects;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyTest {
    @Test
    void theWorkshopDefaultHasSixStreamsWithTheWorkshopLimits() {
        Topology t = Topology.workshopDefault();
        assertThat(t.streams()).extracting(StreamSpec::name)
                .containsExactly("REQUIREMENTS", "INTEGRATION", "ARCHITECTURE", "ISSUES", "DIRECT", "DEAD_LETTER");
        assertThat(t.stream("REQUIREMENTS")).get().satisfies(s -> {
            assertThat(s.subjects()).containsExactly("work.requirements.>");
            assertThat(s.maxMessages()).isEqualTo(10_000);
            assertThat(s.maxAge()).isEqualTo(Duration.ofDays(7));
            assertThat(s.retention()).isEqualTo(StreamSpec.Retention.LIMITS);
        });
    }

    @Test
    void noTwoDefaultStreamsOverlap() {
        Topology t = Topology.workshopDefault();
        for (StreamSpec a : t.streams()) {
            for (StreamSpec b : t.streams()) {
                if (a != b) {
                    assertThat(Subjects.overlap(a.subjects().get(0), b.subjects().get(0))).isFalse();
                }
            }
        }
    }

    @Test
    void anAgentReadsItsRolesWorkItsDirectSubjectAndEveryAnnouncement() {
        AgentConsumers c = Topology.workshopDefault().consumersFor("roy", "backend");
        assertThat(c.work().filterSubjects()).containsExactly("work.requirements.backend", "work.requirements.backend.>");
        assertThat(c.work().durable()).isEqualTo("roy");
        assertThat(c.work().maxDeliver()).isEqualTo(3);
        assertThat(c.direct().filterSubjects()).containsExactly("work.direct.roy");
        assertThat(c.coordination()).extracting(ConsumerSpec::stream).containsExactly("ARCHITECTURE", "INTEGRATION");
        assertThat(c.coordination()).allSatisfy(s -> assertThat(s.filterSubjects()).isEmpty());
        assertThat(c.all()).hasSize(4);
    }

    @Test
    void theBuilderChangesLimitsAndValidatesThem() {
        Topology t = Topology.builder().prefix("team").maxDeliver(5).replicas(3).ackWait(Duration.ofMinutes(2)).build();
        assertThat(t.requirementSubject("backend")).isEqualTo("team.requirements.backend");
        assertThat(t.streams()).allSatisfy(s -> assertThat(s.replicas()).isEqualTo(3));
        assertThat(t.consumersFor("roy", "backend").work().maxDeliver()).isEqualTo(5);
        assertThat(t.toBuilder().build().toString()).isEqualTo(t.toString());
        assertThatThrownBy(() -> Topology.builder().maxDeliver(0).build()).hasMessageContaining("maxDeliver");
        assertThatThrownBy(() -> Topology.builder().replicas(7).build()).hasMessageContaining("replicas");
        assertThatThrownBy(() -> Topology.builder().prefix("a.>")).hasMessageContaining("prefix");
    }

    @Test
    void agentNamesThatNatsCannotUseAsDurablesAreRefused() {
        assertThatThrownBy(() -> Topology.workshopDefault().consumersFor("roy.smith", "backend"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roy.smith");
    }
}
