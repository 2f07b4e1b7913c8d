package dev.agentkit.routing.roadmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentkit.core.routing.Requirement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadmapSourceTest {

    private static List<Requirement> pending(String text) {
        return RoadmapSource.ofText("ROADMAP.md", text).pending();
    }

    private static RoadmapException problemsOf(String text) {
        return catchThrowableOfType(() -> pending(text), RoadmapException.class);
    }

    @Test
    void aPendingLineBecomesARequirementWithItsTagsAndFiles() {
        List<Requirement> reqs = pending("- [ ] REQ-001: Add login endpoint #backend #api `src/api/login.py`\n");

        assertThat(reqs).containsExactly(new Requirement("REQ-001", "Add login endpoint",
                List.of("backend", "api"), List.of("src/api/login.py")));
    }

    @Test
    void tagsAndFilesMayStandAnywhereAfterTheColonAndAreTakenOutOfTheStatement() {
        Requirement r = pending("* [ ] REQ-0042:  Show #UI the `src/web/App.tsx` profile page `src/web/Profile.tsx` #Frontend")
                .get(0);

        assertThat(r.id()).isEqualTo("REQ-0042");
        assertThat(r.statement()).isEqualTo("Show the profile page");
        assertThat(r.tags()).containsExactly("ui", "frontend");
        assertThat(r.files()).containsExactly("src/web/App.tsx", "src/web/Profile.tsx");
    }

    @Test
    void aHashInsideAWordIsNotATag() {
        assertThat(pending("- [ ] REQ-003: Support C# clients").get(0).tags()).isEmpty();
    }

    @Test
    void doneItemsHeadingsProseAndCodeBlocksAreSkipped() {
        String roadmap = """
                # Roadmap

                Some prose about the plan, with a [link](https://example.org).

                ## Sprint 1
                - [x] REQ-001: Set up CI #infra
                - [X] REQ-002: Pick a database
                - [ ] REQ-003: Add login endpoint #api
                - a plain note
                - [the docs](docs/index.md)

                ```markdown
                - [ ] REQ-999: an example inside a code block
                - [?] not a problem here either
                ```
                  + [ ] REQ-004: Add logout endpoint #api
                """;

        assertThat(pending(roadmap)).extracting(Requirement::id).containsExactly("REQ-003", "REQ-004");
    }

    @Test
    void anEmptyRoadmapHasNothingPending() {
        assertThat(pending("")).isEmpty();
        assertThat(pending("# Roadmap\n\nNothing yet.\n")).isEmpty();
    }

    @Test
    void everyMalformedChecklistLineIsReportedWithItsLineNumber() {
        String roadmap = """
                # Roadmap
                - [ ] Add login endpoint #api
                - [ ] REQ-1: too short an id
                - [ ] REQ-002 no colon
                - [y] REQ-003: odd box
                - [] REQ-004: empty box
                - [ ] REQ-005: unclosed `src/api/login.py
                - [ ] REQ-006: #api `src/api/x.py`
                - [ ] req-007: lower case
                - [ ] REQ-008: fine
                """;

        RoadmapException e = problemsOf(roadmap);

        assertThat(e.problems()).extracting(RoadmapProblem::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(e.problems()).extracting(RoadmapProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("no REQ-nnn id"),
                m -> assertThat(m).contains("'REQ-1'"),
                m -> assertThat(m).contains("expected ':' after REQ-002"),
                m -> assertThat(m).contains("[y]"),
                m -> assertThat(m).contains("[]"),
                m -> assertThat(m).contains("REQ-005").contains("unclosed"),
                m -> assertThat(m).contains("REQ-006 has no statement"),
                m -> assertThat(m).contains("'req-007'"));
        assertThat(e.getMessage()).startsWith("ROADMAP.md has 8 problems:")
                .contains("line 2: ").contains("line 9: ").contains("- [y] REQ-003: odd box");
    }

    @Test
    void aDuplicateIdIsAnErrorNamingBothLines() {
        String roadmap = """
                - [ ] REQ-001: Add login
                - [ ] REQ-002: Add logout
                - [ ] REQ-001: Add login again
                """;

        RoadmapException e = problemsOf(roadmap);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).isEqualTo("duplicate id REQ-001 (first on line 1)");
        });
    }

    @Test
    void aPendingItemReusingTheIdOfADoneOneIsADuplicateToo() {
        RoadmapException e = problemsOf("- [x] REQ-001: Old\n- [ ] REQ-001: New\n");

        assertThat(e.problems()).extracting(RoadmapProblem::line).containsExactly(2);
    }

    @Test
    void aFileIsReadAfreshEachTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ROADMAP.md");
        Files.writeString(file, "- [ ] REQ-001: One\n", StandardCharsets.UTF_8);
        RoadmapSource source = RoadmapSource.of(file);
        assertThat(source.pending()).hasSize(1);

        Files.writeString(file, "- [x] REQ-001: One\n- [ ] REQ-002: Two\n", StandardCharsets.UTF_8);

        assertThat(source.pending()).extracting(Requirement::id).containsExactly("REQ-002");
    }

    @Test
    void aMissingFileIsARoadmapExceptionNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("NOPE.md");

        RoadmapException e = catchThrowableOfType(() -> RoadmapSource.of(missing).pending(), RoadmapException.class);

        assertThat(e).hasMessageContaining(missing.toString());
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void anItemWithAUnicodeLineSeparatorInItsTextIsReadNotSilentlyIgnored() {
        // found by RoadmapPropertyTest: '.' stopped at U+0085, U+2028 and U+2029, so the line was "not a checklist item"
        assertThat(pending("- [ ] REQ-001: Add\u2028login `src/a\u0085b.py`\n"))
                .containsExactly(new Requirement("REQ-001", "Add\u2028login", List.of(), List.of("src/a\u0085b.py")));
        assertThat(problemsOf("- [ ] REQ-002 no colon\u2029").problems()).hasSize(1);
    }
}
