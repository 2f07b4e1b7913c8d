package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.matrix.client.PowerLevels;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {
    private final PowerLevels levels = new PowerLevels(Map.of("@lead:hs", 50, "@admin:hs", 100), 0);

    @Test
    void anAllowListedSenderMayCommandWithoutAskingForPowerLevels() {
        AtomicInteger asked = new AtomicInteger();
        CommandPolicy policy = new CommandPolicy(Set.of("@alice:hs"), OptionalInt.of(50));

        assertThat(policy.mayCommand("@alice:hs", "!r", r -> {
            asked.incrementAndGet();
            return levels;
        })).isTrue();
        assertThat(asked).hasValue(0);
    }

    @Test
    void withAThresholdAPowerLevelAtOrAboveItMayCommand() {
        CommandPolicy policy = new CommandPolicy(Set.of(), OptionalInt.of(50));

        assertThat(policy.mayCommand("@lead:hs", "!r", r -> levels)).isTrue();
        assertThat(policy.mayCommand("@admin:hs", "!r", r -> levels)).isTrue();
        assertThat(policy.mayCommand("@eve:hs", "!r", r -> levels)).isFalse();
    }

    @Test
    void withoutAThresholdOnlyTheAllowListMayCommand() {
        CommandPolicy policy = new CommandPolicy(Set.of("@alice:hs"), OptionalInt.empty());

        assertThat(policy.mayCommand("@admin:hs", "!r", r -> levels)).isFalse();
    }
}
