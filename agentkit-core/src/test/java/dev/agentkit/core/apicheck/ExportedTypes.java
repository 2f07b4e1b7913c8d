package dev.agentkit.core.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of one agentkit module, as compiled: its public top-level types outside
 * {@code internal} packages. Each library module's {@code ExportedTypesTest} compares them with the
 * module's checked-in {@code exported-types.txt} (sorted, one type per line, beside the test in its
 * test resources), so a type added to or removed from the API fails the build until the list is
 * updated: the list is the review point. Shared through agentkit-core's test jar, in a package of its own (core's module owns {@code dev.agentkit.core}).
 */
public final class ExportedTypes {
    /** The name of the list, a test resource in the package of the module's test. */
    public static final String LIST = "exported-types.txt";

    private ExportedTypes() {
    }

    /** Whether {@code packageName} is internal: one of its segments is {@code internal}. */
    public static boolean isInternal(String packageName) {
        return ("." + packageName + ".").contains(".internal.");
    }

    /** The exported types of the module whose main classes hold {@code anchor}, sorted. */
    public static List<String> of(Class<?> anchor) {
        Path root = classesOf(anchor);
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .filter(f -> !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> !isInternal(name.substring(0, Math.max(0, name.lastIndexOf('.')))))
                    .filter(name -> Modifier.isPublic(load(name, anchor).getModifiers()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packages of {@link #of} types: what the module exports. */
    public static Set<String> packagesOf(List<String> types) {
        return types.stream().map(t -> t.substring(0, t.lastIndexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The checked-in list beside {@code test} ({@link #LIST} in its package), blank lines and {@code #} comments left out. */
    public static List<String> listed(Class<?> test) {
        try (InputStream in = test.getResourceAsStream(LIST)) {
            assertThat(in).as("the test resource %s/%s", test.getPackageName().replace('.', '/'), LIST).isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String type = line.strip();
                if (!type.isEmpty() && !type.startsWith("#")) {
                    lines.add(type);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails unless the exported types of {@code anchor}'s module are exactly those listed beside
     * {@code test}, in sorted order; the message names what was added and what was removed.
     */
    public static void assertListed(Class<?> anchor, Class<?> test) {
        List<String> actual = of(anchor);
        List<String> listed = listed(test);
        Set<String> added = new TreeSet<>(actual);
        added.removeAll(listed);
        Set<String> removed = new TreeSet<>(listed);
        removed.removeAll(actual);
        assertThat(actual)
                .as("exported types of %s: added %s, removed %s; update src/test/resources/%s/%s (sorted, one per line)"
                        + " if the change to the API is meant", classesOf(anchor), added, removed,
                        test.getPackageName().replace('.', '/'), LIST)
                .isEqualTo(listed);
    }

    /** The module descriptor compiled beside {@code anchor}, or {@code null} if the module has none. */
    public static ModuleDescriptor descriptorOf(Class<?> anchor) {
        Path info = classesOf(anchor).resolve("module-info.class");
        if (!Files.exists(info)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(info)) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesOf(Class<?> anchor) {
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(root).as("the compiled classes of %s (a directory, as in a Maven build)", anchor.getName()).isDirectory();
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name, Class<?> anchor) {
        try {
            return Class.forName(name, false, anchor.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
