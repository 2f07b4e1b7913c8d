package dev.agentkit.core.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    @Test
    void defaultsFollowTheWorkshop() {
        AgentConfig c = AgentConfig.builder("roy").role("backend").build();
        assertThat(c.budget()).isEqualTo(TurnBudget.DEFAULT);
        assertThat(c.room()).isEqualTo("general");
        assertThat(c.alertsRoom()).isEqualTo("alerts");
        assertThat(c.leaseTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(AgentConfig.builder("roy").build().role()).isEqualTo("roy");
    }

    @Test
    void badValuesAreRefusedNamingTheAgentAndField() {
        assertThatThrownBy(() -> AgentConfig.builder("Roy Smith").build()).hasMessageContaining("Roy Smith");
        assertThatThrownBy(() -> AgentConfig.builder("roy").fetchBatch(0).build()).hasMessageContaining("fetchBatch of roy");
        assertThatThrownBy(() -> AgentConfig.builder("roy").failureDelay(Duration.ZERO).build())
                .hasMessageContaining("failureDelay of roy");
        assertThatThrownBy(() -> new TurnBudget(0, Duration.ZERO)).hasMessageContaining("maxItems");
    }

    @Test
    void outcomesValidateTheirArguments() {
        assertThatThrownBy(() -> Outcome.retry(Duration.ofSeconds(-1), "x")).hasMessageContaining("delay");
        assertThat(Outcome.retry(Duration.ofMinutes(1))).isInstanceOf(Outcome.Retry.class);
        assertThat(Outcome.done()).isSameAs(Outcome.done());
    }
}
