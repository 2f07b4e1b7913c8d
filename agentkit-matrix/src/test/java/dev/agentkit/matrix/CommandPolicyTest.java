package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.matrix.client.PowerLevels;
import dev.agentkit.matrix.client.RoomCreation;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {
    private final PowerLevels levels = new PowerLevels(Map.of("@lead:hs", 50, "@admin:hs", 100), 0);
    private final RoomCreation byTheTeam = new RoomCreation(Set.of("@alice:hs"), false);
    private final Set<String> team = Set.of("@alice:hs", "@roy:hs");

    private boolean mayCommand(CommandPolicy policy, String sender, RoomCreation creation) {
        return policy.mayCommand(sender, "!r", r -> creation, r -> levels);
    }

    @Test
    void anAllowListedSenderMayCommandWithoutAskingForPowerLevels() {
        AtomicInteger asked = new AtomicInteger();
        CommandPolicy policy = new CommandPolicy(Set.of("@alice:hs"), OptionalInt.of(50), team);

        assertThat(policy.mayCommand("@alice:hs", "!r", r -> {
            asked.incrementAndGet();
            return byTheTeam;
        }, r -> {
            asked.incrementAndGet();
            return levels;
        })).isTrue();
        assertThat(asked).hasValue(0);
    }

    @Test
    void withAThresholdAPowerLevelAtOrAboveItMayCommand() {
        CommandPolicy policy = new CommandPolicy(Set.of(), OptionalInt.of(50), team);

        assertThat(mayCommand(policy, "@lead:hs", byTheTeam)).isTrue();
        assertThat(mayCommand(policy, "@admin:hs", byTheTeam)).isTrue();
        assertThat(mayCommand(policy, "@eve:hs", byTheTeam)).isFalse();
    }

    @Test
    void withoutAThresholdOnlyTheAllowListMayCommand() {
        CommandPolicy policy = new CommandPolicy(Set.of("@alice:hs"), OptionalInt.empty(), team);

        assertThat(mayCommand(policy, "@admin:hs", byTheTeam)).isFalse();
    }

    @Test
    void powerLevelsCountForNothingInARoomAStrangerCreatedOrCoCreated() {
        CommandPolicy policy = new CommandPolicy(Set.of("@alice:hs"), OptionalInt.of(50), team);

        assertThat(mayCommand(policy, "@admin:hs", new RoomCreation(Set.of("@mallory:hs"), false))).isFalse();
        assertThat(mayCommand(policy, "@admin:hs", new RoomCreation(Set.of("@alice:hs", "@mallory:hs"), true)))
                .isFalse();
        assertThat(mayCommand(policy, "@alice:hs", new RoomCreation(Set.of("@mallory:hs"), false)))
                .as("the allow-list still commands").isTrue();
    }

    @Test
    void thePrivilegedCreatorOfAVersion12RoomOutranksEveryLevel() {
        CommandPolicy policy = new CommandPolicy(Set.of(), OptionalInt.of(50), Set.of("@ops:hs"));

        assertThat(mayCommand(policy, "@ops:hs", new RoomCreation(Set.of("@ops:hs"), true))).isTrue();
        assertThat(mayCommand(policy, "@ops:hs", new RoomCreation(Set.of("@ops:hs"), false))).isFalse();
    }
}
