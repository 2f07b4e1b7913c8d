package dev.agentkit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.examples.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the project's Markdown files stands, as written, in a source file of this
 * module, so the build compiles it (and, for the tests among them, runs it). A snippet matches a
 * source when its lines appear there in order with white space folded; a {@code ...} in the
 * snippet stands for any code, and source lines marked {@code (not in the README)} are left out
 * before matching. A snippet that matches no source fails the test with the file and line of the
 * snippet: edit the README and its source here together.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("^```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final String HIDDEN = "(not in the README)";

    @Test
    void everyJavaSnippetInTheDocsIsCompiledHere() throws IOException {
        Path root = ProjectRoot.find();
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("examples/src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(normalize(Files.readString(f)));
            }
        }
        List<Snippet> snippets = snippets(root);
        assertThat(snippets).as("the docs' Java snippets").hasSizeGreaterThan(20);
        List<String> unmatched = snippets.stream()
                .filter(s -> sources.stream().noneMatch(src -> matches(s.text(), src)))
                .map(s -> s.where() + ":\n" + s.text()).collect(Collectors.toList());
        assertThat(unmatched).as("snippets that no source under examples/src holds").isEmpty();
    }

    @Test
    void theMatcherFoldsWhiteSpaceAndTakesEllipsesForCode() {
        String source = normalize("class A {\n    void f() {\n        int x = 1;   // one\n    }\n"
                + "    int hidden;  // (not in the README)\n    void g() { }\n}\n");
        assertThat(matches("void f() {\n  int x = 1; // one\n}", source)).isTrue();
        assertThat(matches("class A {\n    void f() { ... }\n    void g() { }\n}", source)).isTrue();
        assertThat(matches("void f() {\n  int x = 2;\n}", source)).isFalse();
        assertThat(matches("void g() { }\nvoid f() {", source)).as("order counts").isFalse();
    }

    record Snippet(String where, String text) {
    }

    static List<Snippet> snippets(Path root) throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")).sorted().toList()) {
                String text = Files.readString(md);
                Matcher m = BLOCK.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    out.add(new Snippet(root.relativize(md) + ":" + line, m.group(1)));
                }
            }
        }
        return out;
    }

    /** Whether {@code snippet}'s pieces between {@code ...} appear in {@code source} in order. */
    static boolean matches(String snippet, String source) {
        int at = 0;
        for (String piece : normalize(snippet).split("\\.\\.\\.")) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            int found = source.indexOf(p, at);
            if (found < 0) {
                return false;
            }
            at = found + p.length();
        }
        return true;
    }

    /** Lines trimmed, inner white space folded to one space, blank and hidden lines dropped. */
    static String normalize(String code) {
        return code.lines().filter(l -> !l.contains(HIDDEN)).map(l -> l.strip().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
