package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * How much room {@link MarkLog} holds for its marks, and its keys kept a byte a character where
 * they can be. A B1 run with 21 full repetitions (2.5M marks) ran out of a 512 MiB heap: each
 * growth sized the arrays for four times the live marks, not twice (it made room for the coming
 * mark on top of a full log), and the keys' characters took two bytes each.
 */
class MarkLogTest {
    private static final Instant AT = Instant.parse("2026-01-01T09:00:00Z");

    @Test
    void aLogOfLiveMarksGrowsToTwiceThemNotFourTimes() {
        MarkLog log = new MarkLog();
        for (int i = 0; i < 300_000; i++) {
            // Latin-1 keys of 16 characters, a byte each, fill the first arrays (16 marks, 256 bytes) together
            log.add(String.format("drainer.R:%06d", i), AT);
            int before = log.size() - 1; // the live marks when the log grew for this one
            assertThat(log.room()).as("room for marks at %d marks", log.size())
                    .isLessThanOrEqualTo(Math.max(16, 2 * before));
            assertThat(log.byteRoom()).as("room for the keys' bytes at %d marks", log.size())
                    .isLessThanOrEqualTo(Math.max(256, 2 * 16 * before));
        }
    }

    @Test
    void aLogWhoseMarksAreRetiredShrinksToTheLiveOnes() {
        MarkLog log = new MarkLog();
        for (int i = 0; i < 100_000; i++) {
            log.add("k" + i, AT);
        }
        for (int i = 0; i < 99_990; i++) {
            log.dropOldest();
        }
        for (int i = 0; i < 200_000; i++) {
            log.add("again", AT); // each retires the last: the log fills with retired marks, then compacts
        }
        assertThat(log.size()).isEqualTo(11);
        assertThat(log.room()).isLessThanOrEqualTo(1 << 17);
        assertThat(log.indexOf("k99995")).isNotNegative();
        assertThat(log.indexOf("k5")).isNegative();
    }

    @Test
    void aKeyOfTwoByteCharactersIsNeverTakenForALatin1KeyOfTheSameBytes() {
        MarkLog log = new MarkLog();
        log.add("\u0100A", AT); // kept as 01 00 00 41
        assertThat(log.indexOf("\u0001\u0000\u0000A")).isNegative();
        log.add("\u0001\u0000\u0000A", AT); // the same four bytes, a byte a character
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.indexOf("\u0100A")).isZero();
        assertThat(log.indexOf("\u0001\u0000\u0000A")).isEqualTo(1);
        assertThat(log.byteRoom()).isEqualTo(256);
    }
}
