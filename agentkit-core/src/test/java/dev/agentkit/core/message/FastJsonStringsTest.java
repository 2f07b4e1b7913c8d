package dev.agentkit.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time search for the end of a string finds the first special byte wherever it is. */
class FastJsonStringsTest {
    private static final byte[] SPECIAL = {'"', '\\', 0x00, 0x01, 0x1f, (byte) 0x80, (byte) 0xc3, (byte) 0xff};

    @Test
    void everyByteIsFoundIfAndOnlyIfSpecialAtEveryPositionOfEveryLength() {
        List<String> wrong = new ArrayList<>();
        for (int value = 0; value < 256; value++) {
            byte c = (byte) value;
            boolean special = value < 0x20 || value >= 0x80 || value == '"' || value == '\\';
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    for (byte later : SPECIAL) { // a special byte after it changes nothing
                        byte[] b = new byte[length];
                        Arrays.fill(b, (byte) 'x');
                        if (at + 1 < length) {
                            b[length - 1] = later;
                        }
                        b[at] = c;
                        int expected = special ? at : at + 1 < length ? length - 1 : length;
                        for (int from : new int[] {0, at}) {
                            if (FastJsonStrings.nextSpecial(b, from) != expected) {
                                wrong.add(Arrays.toString(b) + " from " + from);
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void stringsEndAfterTheirClosingQuoteAndEscapesAreChecked() {
        assertThat(FastJsonStrings.skip(bytes("abc\"x"), 0)).isEqualTo(4);
        assertThat(FastJsonStrings.skip(bytes("a\\\"b\\u00e9\\n\"x"), 0)).isEqualTo(13);
        assertThat(FastJsonStrings.skip(bytes("a\\q\""), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
        assertThat(FastJsonStrings.skip(bytes("a\\u00g0\""), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
        assertThat(FastJsonStrings.skip(bytes("a\\u00e\""), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
        assertThat(FastJsonStrings.skip(bytes("abc"), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
        assertThat(FastJsonStrings.skip(bytes("abc\\"), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
        assertThat(FastJsonStrings.plainEnd(bytes("REQ-1\""), 0)).isEqualTo(5);
        assertThat(FastJsonStrings.plainEnd(bytes("REQ\\n\""), 0)).isEqualTo(FastJsonStrings.NOT_SURE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
