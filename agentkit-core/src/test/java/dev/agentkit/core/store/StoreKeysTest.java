package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.store.StoreKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreKeysTest {
    private static final String FILE_ALPHABET = "[-_.a-zA-Z0-9]+";
    private final StoreKeys files = StoreKeys.FILE_NAMES;

    @Test
    void shortKeysKeepTheirEscapedNames() {
        assertThat(files.name("roy.REQ-001")).isEqualTo("roy.2eREQ-001");
        assertThat(StoreKeys.of('=', true).name("roy.REQ-001")).isEqualTo("roy=2EREQ-001");
        assertThat(files.name("a/b")).isEqualTo("a.2fb");
    }

    @Test
    void longAndUnicodeKeysBecomeBoundedNamesWithAReadablePrefix() {
        for (String key : List.of("roy." + "x".repeat(263), "roy." + "✓".repeat(267), "é".repeat(100_000),
                "roy.REQ-" + ".".repeat(500))) {
            String name = files.name(key);
            assertThat(name).hasSizeLessThanOrEqualTo(StoreKeys.MAX_LENGTH).matches(FILE_ALPHABET)
                    .contains("..").doesNotEndWith(".");
            assertThat(name).startsWith(files.name(key.substring(0, 3)));
        }
        String bounded = files.name("x".repeat(StoreKeys.MAX_LENGTH));
        assertThat(bounded).as("a name of exactly the bound stays as it is").isEqualTo("x".repeat(StoreKeys.MAX_LENGTH));
        assertThat(files.name("x".repeat(StoreKeys.MAX_LENGTH + 1))).hasSize(StoreKeys.MAX_LENGTH).contains("..");
    }

    @Test
    void distinctKeysNeverShareAName() {
        Set<String> names = new HashSet<>();
        String prefix = "roy." + "x".repeat(300);
        for (int i = 0; i < 10_000; i++) {
            assertThat(names.add(files.name(prefix + i))).isTrue();
        }
        assertThat(files.name("a.b")).isNotEqualTo(files.name("a.2eb"));
        String shortened = files.name("y".repeat(500));
        assertThat(files.name(shortened)).as("a key that is itself a shortened name").isNotEqualTo(shortened);
    }

    @Test
    void badKeysAndEscapesAreRefused() {
        assertThatThrownBy(() -> files.name("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.name(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.of('a', false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.of('_', false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPreviewIsShort() {
        assertThat(StoreKeys.preview("REQ-1")).isEqualTo("REQ-1");
        assertThat(StoreKeys.preview("x".repeat(10_000))).hasSizeLessThan(120).endsWith("(10000 chars)");
    }
}
