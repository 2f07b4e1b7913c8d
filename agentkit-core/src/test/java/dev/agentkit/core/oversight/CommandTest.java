package dev.agentkit.core.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void itemCommandsKeepTheItemIdAsTypedAndIgnoreKeywordCase() {
        assertThat(Command.parse("retry REQ-007", null)).contains(new Command.Retry("REQ-007"));
        assertThat(Command.parse("  SKIP   req-7 ", null)).contains(new Command.Skip("req-7"));
        assertThat(Command.parse("Reassign REQ-007 to @Jen:example.org", null)).contains(new Command.Reassign("REQ-007", "jen"));
    }

    @Test
    void agentCommandsTakeTheNamedAgentElseTheAddressee() {
        assertThat(Command.parse("pause roy", null)).contains(new Command.Pause("roy"));
        assertThat(Command.parse("pause", "roy")).contains(new Command.Pause("roy"));
        assertThat(Command.parse("resume @roy", "jen")).contains(new Command.Resume("roy"));
        assertThat(Command.parse("turn now roy", null)).contains(new Command.TurnNow("roy"));
        assertThat(Command.parse("turn-now", "moss")).contains(new Command.TurnNow("moss"));
        assertThat(Command.parse("status", null)).contains(new Command.Status(null));
        assertThat(Command.parse("status jen", null)).contains(new Command.Status("jen"));
        assertThat(Command.parse("help", null)).contains(new Command.Help());
    }

    @Test
    void textThatIsNotACommandOrNamesNobodyIsNone() {
        assertThat(Command.parse("pause", null)).as("pause whom?").isEmpty();
        assertThat(Command.parse("how is the login endpoint going?", "roy")).isEmpty();
        assertThat(Command.parse("status of the login, please", "roy")).isEmpty();
        assertThat(Command.parse("reassign REQ-007", null)).isEmpty();
    }

    @Test
    void commandsAreAboutAnItemOrAnAgent() {
        assertThat(new Command.Reassign("REQ-1", "jen")).isInstanceOf(Command.ItemCommand.class)
                .isNotInstanceOf(Command.AgentCommand.class);
        assertThat(new Command.Pause("roy")).isInstanceOf(Command.AgentCommand.class);
        assertThat(new Command.Help()).isNotInstanceOf(Command.AgentCommand.class);
    }
}
