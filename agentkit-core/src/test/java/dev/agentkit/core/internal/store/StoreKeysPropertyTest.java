package dev.agentkit.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StoreKeys} names ASCII keys on a path of its own ({@code asciiName}); these properties
 * check it names every key as the path from UTF-8 bytes does, for both escapes and hex cases,
 * around the length where a name is cut and hashed and with characters outside ASCII.
 */
class StoreKeysPropertyTest {
    private static final StoreKeys KV_KEYS = StoreKeys.of('=', true);

    @Property(tries = 2000)
    void everyKeyIsNamedAsFromItsBytes(@ForAll("keys") String key) {
        assertThat(StoreKeys.FILE_NAMES.name(key)).isEqualTo(StoreKeys.FILE_NAMES.byBytes(key));
        assertThat(KV_KEYS.name(key)).isEqualTo(KV_KEYS.byBytes(key));
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(140);
        Arbitrary<String> idLike = Arbitraries.strings().withChars("abcXYZ019-_.:/= ").ofMinLength(1).ofMaxLength(140);
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> nearTheCut = Arbitraries.integers().between(30, 50)
                .map(n -> "roy.REQUIREMENTS:" + ".".repeat(n));
        return Arbitraries.oneOf(ascii, idLike, any, nearTheCut);
    }
}
