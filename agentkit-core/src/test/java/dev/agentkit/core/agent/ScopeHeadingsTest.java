package dev.agentkit.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lines of {@code ## Scope} that open the owned and the denied list are matched as whole
 * phrases: a heading that merely contains "own" (owned, known, shown, down) no longer switches to
 * the owned list (issue 15, scenario 9), and one that is no accepted phrase is refused at its line.
 */
class ScopeHeadingsTest {

    /** {@link Sheets#COMPLETE} with its Scope body replaced; the body starts at line 8. */
    private static AgentDefinition parseScope(String body) {
        return AgentDefinition.parse(Sheets.replace("Scope", body + "\n\n"), "roy.md");
    }

    @Test
    void aHandsOffHeadingNamingAnotherOwnerDoesNotMakeItsPathsOwned() {
        String scope = """
                You own all code in:
                - /src/api/

                Hands off, these are owned by Jen:
                - /src/frontend/""";

        assertThatThrownBy(() -> parseScope(scope))
                .isInstanceOfSatisfying(CharacterSheetException.class, e -> assertThat(e.line()).isEqualTo(11))
                .hasMessageContaining("'Hands off, these are owned by Jen:'")
                .hasMessageContaining("'You own all code in:'").hasMessageContaining("'You do NOT modify:'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hands off, these are owned by Jen:", "Owned by Moss:", "Known problems:",
        "Shown for reference only:", "Down the hall, Jen's code:", "Owners of the rest:", "You own nothing in:",
        "You do NOT modify what you own:", "Not yours, you cannot modify:", "Code you may modify:", "You own all code in: the rest",
        "You own all code in except:", "Your own code:"})
    void aHeadingThatIsNoAcceptedPhraseIsRefusedAtItsLine(String heading) {
        String scope = "You own all code in:\n- /src/api/\n" + heading + "\n- /src/frontend/";

        assertThatThrownBy(() -> parseScope(scope))
                .isInstanceOfSatisfying(CharacterSheetException.class, e -> assertThat(e.line()).isEqualTo(10))
                .hasMessageContaining("found '" + heading + "'");
    }

    static Stream<Arguments> acceptedHeadings() {
        Stream<String> denied = Stream.of("You do NOT modify:", "you do not modify:", "YOU DO NOT MODIFY",
                "You don't modify:", "You don\u2019t modify:", "  You   do NOT   modify :  ", "**You do NOT modify:**",
                "Do not modify:", "Don't modify:", "You must not modify:", "You may not modify:");
        Stream<String> owned = Stream.of("You own all code in:", "you own all code in", "YOU OWN ALL CODE IN:",
                "You own:", "__You own all code in:__", "You own all code in :");
        return Stream.concat(
                denied.map(h -> Arguments.of(h, "You own all code in:\n- /src/\n" + h + "\n- /src/frontend/")),
                owned.map(h -> Arguments.of(h, "You do NOT modify:\n- /src/frontend/\n" + h + "\n- /src/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedHeadings")
    void anAcceptedHeadingMatchesAsAPhraseInAnyCase(String heading, String scope) {
        AgentDefinition d = parseScope(scope);

        assertThat(d.owned()).extracting(ScopeEntry::path).containsExactly("/src/");
        assertThat(d.denied()).extracting(ScopeEntry::path).containsExactly("/src/frontend/");
    }

    @Test
    void aListItemWithoutAPathIsRefusedAtItsLineInsteadOfFailingOtherwise() {
        for (String item : new String[] {"- ``", "-  ` `", "* ``  (nothing)"}) {
            assertThatThrownBy(() -> parseScope("You own all code in:\n- /src/\n" + item))
                    .as(item).isInstanceOfSatisfying(CharacterSheetException.class, e -> assertThat(e.line()).isEqualTo(10))
                    .hasMessageContaining("names no path");
        }
    }
}
