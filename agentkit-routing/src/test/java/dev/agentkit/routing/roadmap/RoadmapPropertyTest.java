package dev.agentkit.routing.roadmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.routing.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Roadmap lines as people might write them, and as nobody should: whatever the text,
 * {@link RoadmapSource#pending()} returns requirements or throws a {@link RoadmapException},
 * never anything else; a line that opens like a checklist item is an item or a problem, never
 * silently ignored; and well-formed lines give back exactly the requirements they were written
 * from.
 */
class RoadmapPropertyTest {

    /** A requirement to write as a line, with where its tags and files go and how it is bulleted. */
    record Written(Requirement requirement, boolean done, String indent, String bullet, long layoutSeed) {
        String line() {
            List<String> parts = new ArrayList<>(List.of(requirement.statement().split(" ")));
            Random r = new Random(layoutSeed);
            int at = 0;
            for (String t : requirement.tags()) {       // anywhere after the colon, in their order
                at = at + r.nextInt(parts.size() - at + 1);
                parts.add(at++, "#" + cased(t, r));
            }
            at = 0;
            for (String f : requirement.files()) {
                at = at + r.nextInt(parts.size() - at + 1);
                parts.add(at++, "`" + f + "`");
            }
            String gap = r.nextBoolean() ? " " : "  ";
            return indent + bullet + " [" + (done ? (r.nextBoolean() ? "x" : "X") : " ") + "] " + requirement.id() + ":"
                    + gap + String.join(gap, parts);
        }

        private static String cased(String tag, Random r) {
            return r.nextBoolean() ? tag : tag.toUpperCase(Locale.ROOT);
        }
    }

    @Property(tries = 1000)
    void anyTextGivesRequirementsOrARoadmapException(@ForAll("documents") String text) {
        try {
            List<Requirement> pending = RoadmapSource.ofText("ROADMAP.md", text).pending();
            assertThat(pending).doesNotContainNull();
        } catch (RoadmapException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).startsWith("ROADMAP.md has ");
        }
    }

    @Property(tries = 1000)
    void aLineThatOpensAsAChecklistItemIsAnItemOrAProblem(@ForAll("checklistLines") String line) {
        assertThat(ChecklistLine.parse(line)).as("'%s'", escaped(line)).isNotInstanceOf(ChecklistLine.Ignored.class);
    }

    @Property(tries = 1000)
    void wellFormedLinesGiveBackTheirRequirements(@ForAll("roadmaps") List<Written> written, @ForAll long noiseSeed) {
        List<String> lines = new ArrayList<>();
        Random noise = new Random(noiseSeed);
        for (Written w : written) {
            if (noise.nextInt(3) == 0) {
                lines.add(List.of("", "# Roadmap", "Some prose.", "- a plain bullet", "- [a link](http://x)",
                        "```\n- [ ] REQ-9: inside a fence\n```", "~~~\n- [x] not an item\n~~~").get(noise.nextInt(7)));
            }
            lines.add(w.line());
        }
        List<Requirement> expected = written.stream().filter(w -> !w.done()).map(Written::requirement).toList();

        List<Requirement> pending = RoadmapSource.ofText("ROADMAP.md", String.join("\n", lines)).pending();

        assertThat(pending).as("%s", escaped(String.join("\n", lines))).isEqualTo(expected);
    }

    /** {@code text} with everything outside printable ASCII as {@code \\uXXXX}, for failure messages. */
    static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> b.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    // ---- generators ----

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                checklistLines(),
                written().map(Written::line),
                Arbitraries.of("```", "~~~", "", "- [ ] REQ-001: dup", "- [x] REQ-001: dup", "- [ ] REQ-12: short",
                        "- [ ] REQ-001 no colon", "- [ ] REQ-001: `open", "- [ ] REQ-001: ``", "- [ ] REQ-001: #only",
                        "- [] REQ-001: x", "- [  ] REQ-001: x", "\u2028", "- [ ] REQ-0001:\u0085x"));
        return line.list().ofMaxSize(12).map(ls -> String.join(separator(ls.size()), ls));
    }

    private static String separator(int seed) {
        return List.of("\n", "\r\n", "\r").get(seed % 3);
    }

    /** A bullet, spaces and a one-character box, then anything on the same line. */
    @Provide
    Arbitrary<String> checklistLines() {
        Arbitrary<String> box = Arbitraries.oneOf(
                Arbitraries.of(" ", "x", "X", "-", "?", "\t", "\u00a0", "\u2028", "\u0085", "😀", "\u0000"),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(c -> c != ']' && c != '\n' && c != '\r' && !Character.isSurrogate((char) c.intValue()))
                        .map(Character::toString));
        Arbitrary<String> rest = Arbitraries.strings().all().ofMaxLength(40).map(s -> s.replaceAll("[\\r\\n]", " "));
        return Combinators.combine(Arbitraries.of("", " ", "   ", "\t"), Arbitraries.of("-", "*", "+"),
                Arbitraries.of(" ", "  ", "\t"), box, rest).as((indent, bullet, gap, b, r) -> indent + bullet + gap
                + "[" + b + "]" + r);
    }

    @Provide
    Arbitrary<List<Written>> roadmaps() {
        return written().list().ofMaxSize(8).uniqueElements(w -> w.requirement().id());
    }

    private static Arbitrary<Written> written() {
        Arbitrary<Requirement> requirement = Combinators.combine(
                Arbitraries.integers().between(0, 99_999_999).map(n -> "REQ-" + String.format("%03d", n)),
                word().list().ofMinSize(1).ofMaxSize(8).map(ws -> String.join(" ", ws)),
                tag().list().ofMaxSize(3).uniqueElements(),
                file().list().ofMaxSize(3).uniqueElements())
                .as(Requirement::new);
        return Combinators.combine(requirement, Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
                Arbitraries.of("", " ", "  "), Arbitraries.of("-", "*", "+"), Arbitraries.longs())
                .as(Written::new);
    }

    /** A statement word: no whitespace, no backtick, not starting with {@code #}. */
    private static Arbitrary<String> word() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(10)
                .filter(w -> w.codePoints().noneMatch(c -> Character.isWhitespace(c) || c == '`' || c == ' '
                        || c == '\u000b') && !w.startsWith("#") && !w.contains("\n"))
                .filter(w -> w.equals(w.strip()));
    }

    private static Arbitrary<String> tag() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '/', '.', '-')
                                .ofMaxLength(10))
                .as((a, b) -> a + b);
    }

    /** A file name: anything but backticks and line breaks, without surrounding whitespace. */
    private static Arbitrary<String> file() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(24)
                .map(f -> f.replaceAll("[`\\r\\n]", "_").strip())
                .filter(f -> !f.isEmpty());
    }
}
