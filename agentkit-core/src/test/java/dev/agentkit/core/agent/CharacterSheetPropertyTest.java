package dev.agentkit.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Character sheets as a careless or hostile author might write them: whatever the markdown,
 * {@link AgentDefinition#parse(String, String)} gives a definition (whose prompt renders) or a
 * {@link CharacterSheetException} naming a line of the sheet, never any other exception.
 * Sheets are made both from scratch and by mutating a complete sheet, so the deep parts of the
 * parser (scope, interfaces, lists) see broken input too.
 */
class CharacterSheetPropertyTest {
    private static final List<String> PIECES = List.of("# Agent: Moss", "# Agent:", "# agent: x", "## Character",
            "## Scope", "## Tools Available", "## Interfaces", "## Working Style", "## What I Refuse To Do",
            "## scope", "##", "## ", "### Input", "### Output", "### Other", "You own all code in:",
            "You do NOT modify:", "Hands off, these are owned by Jen:", "You don't modify:", "- /src/", "* `src/x` note",
            "1. step", "2) step", "-", "- x", "```", "~~~", "  continued", "\t- tab item", "", " ", "\u00a0",
            "- [ ] REQ-001: not a sheet", "# Agent: \u2003", "## Character\u2028", "text", "### Input ");

    /** The parser's list-item pattern, to recognise the excluded case below. */

    @Property(tries = 1000)
    void anyMarkdownGivesADefinitionOrACharacterSheetException(@ForAll("sheets") String sheet) {
        try {
            AgentDefinition d = AgentDefinition.parse(sheet, "sheet.md");
            assertThat(d.systemPrompt()).contains(d.name());
        } catch (CharacterSheetException e) {
            assertThat(e.source()).isEqualTo("sheet.md");
            assertThat(e.line()).as("a line of the sheet").isBetween(1, (int) Math.max(1, sheet.lines().count()));
        }
    }

    @Provide
    Arbitrary<String> sheets() {
        return Arbitraries.oneOf(mutated(), mutated(), scratch());
    }

    /** A complete sheet with some lines inserted, removed or replaced. */
    private static Arbitrary<String> mutated() {
        return Combinators.combine(line().list().ofMinSize(1).ofMaxSize(6), Arbitraries.longs()).as((lines, seed) -> {
            List<String> sheet = new ArrayList<>(Sheets.COMPLETE.lines().toList());
            Random r = new Random(seed);
            for (String l : lines) {
                int at = r.nextInt(sheet.size() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> sheet.add(at, l);
                    case 1 -> sheet.set(Math.min(at, sheet.size() - 1), l);
                    default -> sheet.remove(Math.min(at, sheet.size() - 1));
                }
            }
            return String.join("\n", sheet);
        });
    }

    /** Lines from scratch: pieces of sheets and anything at all. */
    private static Arbitrary<String> scratch() {
        return line().list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    private static Arbitrary<String> line() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> bullet = Combinators.combine(Arbitraries.of("- ", "* ", "1. ", "  - "), any).as(String::concat);
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(PIECES)),
                Tuple.of(2, bullet),
                Tuple.of(2, any),
                Tuple.of(1, Combinators.combine(Arbitraries.of("## ", "### ", "# Agent: "), any)
                        .as(String::concat)));
    }

}
