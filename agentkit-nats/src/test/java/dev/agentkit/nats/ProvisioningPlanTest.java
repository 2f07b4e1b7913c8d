package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The subject rule behind "widen" in {@code provision --dry-run}; the plan itself runs against a server in CliIT. */
class ProvisioningPlanTest {

    @Test
    void aWildcardTailCoversEveryDeeperSubjectButNotItsOwnPrefix() {
        assertThat(ProvisioningPlan.covers("work.requirements.>", "work.requirements.*")).isTrue();
        assertThat(ProvisioningPlan.covers("work.requirements.>", "work.requirements.backend.*")).isTrue();
        assertThat(ProvisioningPlan.covers("work.requirements.>", "work.requirements")).isFalse();
    }

    @Test
    void aSingleTokenWildcardCoversLiteralsOfTheSameLengthOnly() {
        assertThat(ProvisioningPlan.covers("work.*.backend", "work.requirements.backend")).isTrue();
        assertThat(ProvisioningPlan.covers("work.requirements.*", "work.requirements.>")).isFalse();
        assertThat(ProvisioningPlan.covers("work.requirements.backend", "work.requirements.*")).isFalse();
        assertThat(ProvisioningPlan.covers("work.requirements.*", "work.requirements.backend.x")).isFalse();
    }
}
