package dev.agentkit.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatLimitsTest {
    @Test
    void aTextThatFitsIsLeftAsItIs() {
        String exact = "a".repeat(ChatLimits.MAX_POST_BYTES);

        assertThat(ChatLimits.fit(exact)).isSameAs(exact);
    }

    @Test
    void aLongerTextIsCutToTheLimitWithAMarkerNamingBothSizes() {
        String cut = ChatLimits.fit("a".repeat(ChatLimits.MAX_POST_BYTES + 1));

        assertThat(ChatLimits.encodedSize(cut)).isLessThanOrEqualTo(ChatLimits.MAX_POST_BYTES);
        assertThat(cut).startsWith("aaa").endsWith(ChatLimits.CUT_MARKER + "60000 bytes; the text had 60001 bytes]");
    }

    @Test
    void sizesCountJsonEscapesAndUtf8() {
        assertThat(ChatLimits.encodedSize("a\"\\\n")).isEqualTo(7);
        assertThat(ChatLimits.encodedSize("\u0001")).isEqualTo(6);
        assertThat(ChatLimits.encodedSize("é€😀")).isEqualTo(2 + 3 + 4);
    }

    @Test
    void theCutNeverSplitsACodePoint() {
        String cut = ChatLimits.fit("😀".repeat(1_000), 301);
        String kept = cut.substring(0, cut.indexOf(ChatLimits.CUT_MARKER));

        assertThat(kept.codePoints()).allMatch(cp -> cp == 0x1F600);
        assertThat(ChatLimits.encodedSize(cut)).isLessThanOrEqualTo(301);
    }
}
