package dev.agentkit.examples.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.examples.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The boundary around agentkit's {@code internal} packages, checked on the sources of every module
 * (most of them compile on the class path, where no module descriptor enforces it). The rule:
 * <ul>
 *   <li>main code may import an {@code internal} package of another module only if it is one of
 *       agentkit's own modules: its jar names a module ({@code Automatic-Module-Name} in its pom, or
 *       a {@code module-info.java}); for agentkit-core's internal packages, only the modules its
 *       {@code module-info.java} exports that package to (as the module path enforces);</li>
 *   <li>examples and benchmarks stand for application code and never import one, nor do the README
 *       snippets (compiled in examples);</li>
 *   <li>agentkit's own tests may (they test the internals).</li>
 * </ul>
 */
class InternalPackagesTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.agentkit\\.[\\w.]*?\\.internal(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("exports\\s+([\\w.]+)\\s+to\\s+([^;]+);");
    private static final Pattern MODULE_NAME = Pattern.compile("<Automatic-Module-Name>([\\w.]+)</Automatic-Module-Name>");
    private static final Pattern MODULE_DECLARATION = Pattern.compile("^module\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final Set<String> APPLICATION_CODE = Set.of("examples", "benchmarks");

    private final Path root = ProjectRoot.find();

    @Test
    void onlyAgentkitsOwnModulesImportInternalPackagesAndOnlyWhereCoreExportsThem() throws IOException {
        Map<String, Set<String>> coreExports = qualifiedExports(root.resolve("agentkit-core/src/main/java/module-info.java"));
        assertThat(coreExports).as("agentkit-core's qualified exports").isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (Path module : modules()) {
            String dir = module.getFileName().toString();
            Optional<String> name = moduleName(module);
            for (Path tree : List.of(module.resolve("src/main/java"), module.resolve("src/test/java"))) {
                boolean test = tree.endsWith("src/test/java");
                for (Path file : javaFiles(tree)) {
                    Matcher m = IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        String pkg = m.group(1);
                        String owner = ownerModule(pkg);
                        boolean own = owner.equals(dir);
                        boolean allowed = own
                                || (!APPLICATION_CODE.contains(dir)
                                        && (test || name.isPresent() && (!owner.equals("agentkit-core")
                                                || coreExports.getOrDefault(pkg, Set.of()).contains(name.get()))));
                        if (!allowed) {
                            violations.add(root.relativize(file) + " imports " + pkg);
                        }
                    }
                }
            }
        }
        assertThat(violations).as("imports of internal packages that the rule in %s forbids",
                InternalPackagesTest.class.getSimpleName()).isEmpty();
    }

    @Test
    void theRuleSeesAnImportOfAnInternalPackage() {
        Matcher m = IMPORT.matcher("package x;\n\nimport static dev.agentkit.core.internal.message.Json.write;\n"
                + "import dev.agentkit.nats.internal.NatsFailures;\nimport dev.agentkit.core.message.Envelope;\n");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("dev.agentkit.core.internal.message", "dev.agentkit.nats.internal");
        assertThat(ownerModule("dev.agentkit.testing.servers.internal")).isEqualTo("agentkit-testing-servers");
        assertThat(ownerModule("dev.agentkit.core.internal.oversight")).isEqualTo("agentkit-core");
    }

    /** The module directory whose main code holds {@code pkg}: the longest {@code dev.agentkit.X} prefix that is a module. */
    private String ownerModule(String pkg) {
        String rest = pkg.substring("dev.agentkit.".length(), pkg.indexOf(".internal") > 0 ? pkg.indexOf(".internal") : pkg.length());
        String[] parts = rest.split("\\.");
        for (int n = parts.length; n > 0; n--) {
            String dir = "agentkit-" + String.join("-", List.of(parts).subList(0, n));
            if (Files.isDirectory(root.resolve(dir))) {
                return dir;
            }
        }
        return "?";
    }

    private List<Path> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src")))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static Optional<String> moduleName(Path module) throws IOException {
        Path info = module.resolve("src/main/java/module-info.java");
        Matcher m = Files.exists(info) ? MODULE_DECLARATION.matcher(Files.readString(info))
                : MODULE_NAME.matcher(Files.readString(module.resolve("pom.xml")));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Map<String, Set<String>> qualifiedExports(Path moduleInfo) throws IOException {
        Map<String, Set<String>> exports = new TreeMap<>();
        Matcher m = QUALIFIED.matcher(Files.readString(moduleInfo).replaceAll("//[^\n]*", ""));
        while (m.find()) {
            exports.put(m.group(1), Stream.of(m.group(2).split(",")).map(String::strip).collect(Collectors.toSet()));
        }
        return exports;
    }

    private static List<Path> javaFiles(Path tree) {
        if (!Files.isDirectory(tree)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
