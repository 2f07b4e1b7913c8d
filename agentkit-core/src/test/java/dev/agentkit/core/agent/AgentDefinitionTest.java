package dev.agentkit.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDefinitionTest {

    private static AgentDefinition parse(String text) {
        return AgentDefinition.parse(text, "ada.md");
    }

    private static CharacterSheetException failure(String text) {
        try {
            parse(text);
        } catch (CharacterSheetException e) {
            return e;
        }
        throw new AssertionError("expected the sheet to be refused:\n" + text);
    }

    @Test
    void aCompleteSheetParsesIntoEveryField() {
        AgentDefinition d = parse(Sheets.COMPLETE);

        assertThat(d.name()).isEqualTo("Ada");
        assertThat(d.source()).isEqualTo("ada.md");
        assertThat(d.character()).isEqualTo("You are Ada, a careful backend developer.\nYou write small functions.");
        assertThat(d.owned()).extracting(ScopeEntry::path).containsExactly("/src/", "/tests/unit/");
        assertThat(d.denied()).containsExactly(new ScopeEntry("/src/frontend/", "(someone else's)"));
        assertThat(d.tools()).containsExactly("Run the unit tests", "Git: commit to feature branches");
        assertThat(d.inputs()).containsExactly("Requirements from work.requirements.backend");
        assertThat(d.outputs()).containsExactly("Announcements on work.integration when an endpoint is ready");
        assertThat(d.workingStyle()).containsExactly("Read the requirement", "Write the test first");
        assertThat(d.refusals()).containsExactly("Commit without tests");
    }

    @Test
    void unknownSectionsAreKeptInFileOrderWithFencedHeadingsInsideThem() {
        AgentDefinition d = parse(Sheets.COMPLETE);

        assertThat(d.otherSections()).extracting(SheetSection::title).containsExactly("Team Notes", "Glossary");
        assertThat(d.otherSections().get(1).body()).isEqualTo("```\n## not a heading inside a fence\n```");
    }

    @Test
    void theSystemPromptCarriesEverySectionInOrder() {
        String prompt = parse(Sheets.COMPLETE).systemPrompt();

        assertThat(prompt).startsWith("You are Ada, one of a team of specialist agents")
                .contains("# Agent: Ada", "You write small functions.", "- /tests/unit/",
                        "You do NOT modify:\n- /src/frontend/ (someone else's)", "### Output\n- Announcements",
                        "1. Read the requirement\n2. Write the test first", "- Commit without tests",
                        "## Team Notes\nAsk before renaming shared types.", "## not a heading inside a fence");
        assertThat(prompt).containsSubsequence("## Character", "## Scope", "## Tools Available", "## Interfaces",
                "## Working Style", "## What I Refuse To Do", "## Team Notes", "## Glossary");
    }

    @Test
    void workingStyleIsOptionalAndLeftOutOfThePromptWhenMissing() {
        AgentDefinition d = parse(Sheets.without("Working Style"));

        assertThat(d.workingStyle()).isEmpty();
        assertThat(d.systemPrompt()).doesNotContain("## Working Style");
    }

    @Test
    void aMissingRequiredSectionIsNamedWithTheFileAndTheTitleLine() {
        for (String title : new String[] {"Character", "Scope", "Tools Available", "Interfaces", "What I Refuse To Do"}) {
            CharacterSheetException e = failure(Sheets.without(title));

            assertThat(e.source()).isEqualTo("ada.md");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e).hasMessageStartingWith("ada.md:1: ").hasMessageContaining("'## " + title + "'");
        }
    }

    @Test
    void anEmptyNameIsRefusedAtItsLine() {
        CharacterSheetException e = failure("\n\n# Agent:   \n## Character\nx\n");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessageContaining("name is empty");
    }

    @Test
    void aSheetWithoutTheAgentTitleIsRefused() {
        assertThat(failure("# Roy\n## Character\nx\n")).hasMessageContaining("expected the title '# Agent: <name>'");
        assertThat(failure("  \n")).hasMessageContaining("empty");
    }

    @Test
    void aSecondCopyOfAKnownSectionIsRefusedNamingBothLines() {
        CharacterSheetException e = failure(Sheets.COMPLETE + "\n## Character\nagain\n");

        assertThat(e.line()).isEqualTo(41);
        assertThat(e).hasMessageContaining("the first is at line 3");
    }

    @Test
    void proseWhereAListIsExpectedIsRefusedAtItsLine() {
        CharacterSheetException e = failure(Sheets.replace("Tools Available", "- Run tests\nand also deploy\n\n"));

        assertThat(e.line()).isEqualTo(17);
        assertThat(e).hasMessageContaining("expected a list item").hasMessageContaining("and also deploy");
    }

    @Test
    void anEmptyCharacterOrListIsRefused() {
        assertThat(failure(Sheets.replace("Character", "\n\n"))).hasMessageContaining("'## Character' section is empty");
        assertThat(failure(Sheets.replace("What I Refuse To Do", "\n"))).hasMessageContaining("lists nothing");
    }

    @Test
    void aScopeWithoutOwnedPathsOrWithAStrayLineIsRefused() {
        assertThat(failure(Sheets.replace("Scope", "You do NOT modify:\n- /src/\n\n")))
                .hasMessageContaining("owns no paths");
        assertThat(failure(Sheets.replace("Scope", "- /src/\n\n"))).hasMessageContaining("a path before");
        CharacterSheetException stray = failure(Sheets.replace("Scope", "You own all code in:\n- /src/\nPlease be nice\n\n"));
        assertThat(stray.line()).isEqualTo(10);
    }

    @Test
    void interfacesNeedBothInputAndOutputAndNothingElse() {
        assertThat(failure(Sheets.replace("Interfaces", "### Input\n- a\n\n"))).hasMessageContaining("no '### Output'");
        assertThat(failure(Sheets.replace("Interfaces", "### Input\n- a\n### Output\n- b\n### Other\n- c\n\n")))
                .hasMessageContaining("found '### Other'");
        assertThat(failure(Sheets.replace("Interfaces", "hello\n### Input\n- a\n### Output\n- b\n\n")))
                .hasMessageContaining("before '### Input'");
    }

    @Test
    void parsingAFileNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.md");
        Files.writeString(file, Sheets.without("Scope"));

        assertThatThrownBy(() -> AgentDefinition.parse(file))
                .isInstanceOf(CharacterSheetException.class).hasMessageStartingWith(file + ":1: ");
        Files.writeString(file, Sheets.COMPLETE);
        assertThat(AgentDefinition.parse(file).source()).isEqualTo(file.toString());
    }

    @Test
    void theDefinitionIsImmutable() {
        AgentDefinition d = parse(Sheets.COMPLETE);

        assertThatThrownBy(() -> d.owned().add(new ScopeEntry("/x/", ""))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.otherSections().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
