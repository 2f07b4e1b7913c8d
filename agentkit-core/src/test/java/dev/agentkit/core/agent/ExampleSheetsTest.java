package dev.agentkit.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character sheets shipped in {@code examples/agents/} (read from the source tree, relative to
 * this module's directory, which is where surefire runs) parse, and their prompts say what they should.
 */
class ExampleSheetsTest {
    private static final Path SHEETS = Path.of("..", "examples", "agents");
    private static Map<String, AgentDefinition> agents;

    @BeforeAll
    static void parseEverySheet() throws IOException {
        assertThat(SHEETS).as("examples/agents next to agentkit-core").isDirectory();
        try (Stream<Path> files = Files.list(SHEETS)) {
            agents = files.filter(f -> f.toString().endsWith(".md")).map(AgentDefinition::parse)
                    .collect(Collectors.toMap(AgentDefinition::name, Function.identity()));
        }
    }

    /**
     * Every field of every example sheet, pinned as the parser read them before headings were
     * matched as phrases ({@code example-sheets.parsed.txt}): a parser change must not change them.
     */
    @Test
    void theExampleSheetsParseExactlyAsPinned() throws IOException {
        StringBuilder actual = new StringBuilder();
        for (String file : List.of("jen.md", "moss.md", "roy.md")) {
            actual.append("## ").append(file).append('\n').append(describe(AgentDefinition.parse(SHEETS.resolve(file))));
        }
        try (InputStream pinned = ExampleSheetsTest.class.getResourceAsStream("example-sheets.parsed.txt")) {
            assertThat(pinned).as("example-sheets.parsed.txt").isNotNull();
            assertThat(actual.toString()).isEqualTo(new String(pinned.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One line per field value, in a stable order; newlines escaped. */
    private static String describe(AgentDefinition d) {
        StringBuilder sb = new StringBuilder();
        line(sb, "name", d.name());
        line(sb, "character", d.character());
        d.owned().forEach(e -> line(sb, "owned", e.path() + (e.note().isEmpty() ? "" : " | " + e.note())));
        d.denied().forEach(e -> line(sb, "denied", e.path() + (e.note().isEmpty() ? "" : " | " + e.note())));
        d.tools().forEach(t -> line(sb, "tool", t));
        d.inputs().forEach(t -> line(sb, "input", t));
        d.outputs().forEach(t -> line(sb, "output", t));
        d.workingStyle().forEach(t -> line(sb, "style", t));
        d.refusals().forEach(t -> line(sb, "refusal", t));
        d.otherSections().forEach(s -> line(sb, "section", s.title() + " | " + s.body()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    }

    @Test
    void royJenAndMossAreTheExampleAgents() {
        assertThat(agents).containsOnlyKeys("Roy", "Jen", "Moss");
    }

    @Test
    void royIsTheBackendDeveloperWhoseCommitRuleIsKept() {
        AgentDefinition roy = agents.get("Roy");

        assertThat(roy.owned()).extracting(ScopeEntry::path)
                .containsExactly("/src/api/", "/src/services/", "/src/models/", "/tests/api/", "/tests/services/");
        assertThat(roy.workingStyle()).hasSize(6);
        assertThat(roy.otherSections()).extracting(SheetSection::title).containsExactly("Commits");
        assertThat(roy.systemPrompt()).startsWith("You are Roy,")
                .contains("backend developer", "- /src/api/", "- /src/frontend/ (Jen's area)", "pytest",
                        "work.requirements.backend", "work.integration.api_ready", "3. Write the tests first",
                        "- Commit code that has no tests", "## Commits", "REQ-001: Add login endpoint");
    }

    @Test
    void jenIsTheFrontendDeveloperWithoutAWorkingStyle() {
        AgentDefinition jen = agents.get("Jen");

        assertThat(jen.owned()).extracting(ScopeEntry::path).containsExactly("/src/frontend/", "/src/components/", "/tests/e2e/");
        assertThat(jen.workingStyle()).isEmpty();
        assertThat(jen.systemPrompt()).startsWith("You are Jen,")
                .contains("frontend developer", "screen reader", "playwright", "work.requirements.frontend",
                        "- /src/api/ (Roy's area)", "- Ship a feature without an end-to-end test")
                .doesNotContain("## Working Style");
    }

    @Test
    void mossIsTheInfrastructureEngineerWhoOwnsInfraDeployAndCi() {
        AgentDefinition moss = agents.get("Moss");

        assertThat(moss.owned()).extracting(ScopeEntry::path).containsExactly("/infra/", "/deploy/", "/.ci/");
        assertThat(moss.systemPrompt()).startsWith("You are Moss,")
                .contains("infrastructure engineer", "terraform plan", "work.requirements.infrastructure",
                        "#alerts", "- Put a secret into the repository", "1. Write down how to roll a change back");
    }

    @Test
    void everyPromptHasEverySectionOfItsSheet() {
        for (AgentDefinition d : agents.values()) {
            assertThat(d.systemPrompt()).as(d.name()).contains("# Agent: " + d.name(), d.character())
                    .containsSubsequence("## Character", "## Scope", "## Tools Available", "## Interfaces",
                            "### Input", "### Output", "## What I Refuse To Do");
            d.tools().forEach(t -> assertThat(d.systemPrompt()).contains("- " + t));
            d.refusals().forEach(r -> assertThat(d.systemPrompt()).contains("- " + r));
        }
    }

    @Test
    void noExampleAgentMayWriteWhereAnotherOwns(@TempDir Path workspace) {
        Map<String, Scope> scopes = agents.values().stream()
                .collect(Collectors.toMap(AgentDefinition::name, d -> Scope.of(d, workspace)));
        for (AgentDefinition owner : agents.values()) {
            for (ScopeEntry owned : owner.owned()) {
                String file = owned.path().substring(1) + "file.txt";
                List<String> writers = scopes.values().stream().filter(s -> s.check(file).allowed())
                        .map(Scope::agent).toList();
                assertThat(writers).as(file).containsExactly(owner.name());
            }
        }
    }
}
