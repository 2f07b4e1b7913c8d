package dev.agentkit.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Examples of what the body scan's fast path takes itself and what it leaves to Jackson. */
class FastBodyScanTest {
    @Test
    void b1sBodyTakesTheFastPath() {
        String head = "{\"kind\":\"benchmark\",\"pad\":\"";
        String body = head + "x".repeat(1024 - head.length() - 2) + "\"}";
        assertFast(body, null, null);
    }

    @Test
    void theTopLevelIdAndRequirementAreRead() {
        assertFast("{\"id\":\"REQ-1\",\"requirement\":\"REQ-7\"}", "REQ-1", "REQ-7");
        assertFast(" {\n\t\"requirement\" : \"REQ-7\" ,\r\n \"title\":\"x\"} ", null, "REQ-7");
        assertFast("{\"x\":{\"id\":\"inner\",\"requirement\":\"R\"},\"y\":[{\"id\":1}]}", null, null);
        assertFast("{}", null, null);
    }

    @Test
    void numbersAndBooleansAsIdsAreTheirText() {
        assertFast("{\"id\":42}", "42", null);
        assertFast("{\"id\":-0}", "-0", null);
        assertFast("{\"id\":1.50,\"requirement\":-1.5e-07}", "1.50", "-1.5e-07");
        assertFast("{\"id\":1E+5}", "1E+5", null);
        assertFast("{\"id\":123456789012345678901234567890}", "123456789012345678901234567890", null);
        assertFast("{\"id\":true,\"requirement\":false}", "true", "false");
    }

    @Test
    void blankNullAndStructuredIdsAreNoIdsAndTheLastScalarWins() {
        assertFast("{\"id\":\"  \"}", null, null);
        assertFast("{\"id\":\"\"}", null, null);
        assertFast("{\"id\":null,\"requirement\":{\"id\":\"x\"}}", null, null);
        assertFast("{\"id\":[\"x\"]}", null, null);
        assertFast("{\"id\":\"a\",\"id\":\"b\"}", "b", null);
        assertFast("{\"id\":\"a\",\"id\":\" \"}", null, null);
        assertFast("{\"id\":\"a\",\"id\":null,\"id\":{},\"id\":[]}", "a", null);
    }

    @Test
    void topLevelScalarsAndArraysAreDocuments() {
        assertFast("[1,2]", null, null);
        assertFast("\"x\"", null, null);
        assertFast("12", null, null);
        assertFast(" null ", null, null);
        assertFast("[]", null, null);
        assertFast("{\"a\":\"\\u0000\\\"\\\\\\/\\b\\f\\n\\r\\t\\uD83D\"}", null, null);
        assertFast("[\"\u007f\"]", null, null);
    }

    @Test
    void whatIsNotJsonIsNeverSure() {
        for (String body : new String[] {"", "  ", "01", "-01", "1.", ".5", "+1", "NaN", "-", "1e", "{\"a\":1}x",
            "{\"a\":1} {}", "[1,]", "{\"a\":1,}", "{\"a\"}", "{a:1}", "[tru]", "[truex]", "'x'", "\"x", "{\"a\":\"\u0000\"}",
            "{\"a\":\"\t\"}", "[\"\\x\"]", "[\"\\u12\"]", "{\"id\":\"a\"", "[1]]", "\f1", "/**/1", "\u0000"}) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThat(FastBodyScan.scan(b)).as(body).isNull();
            assertThat(BodyScan.of(b).json()).as(body).isFalse();
        }
    }

    @Test
    void jsonOutsideTheSubsetIsLeftToJackson() {
        assertJackson("{\"id\":\"REQ\\u002d1\"}", "REQ-1", null);
        assertJackson("{\"\\u0069d\":\"X\"}", "X", null);
        assertJackson("{\"id\":\"\u00e9t\u00e9\"}", "\u00e9t\u00e9", null);
        assertJackson("\ufeff{\"id\":\"X\"}", "X", null);
        assertJackson("{\"id\":\"" + "x".repeat(FastBodyScan.MAX_ID + 1) + "\"}", "x".repeat(FastBodyScan.MAX_ID + 1), null);
        assertJackson("{\"" + "n".repeat(FastJsonValues.MAX_NAME + 1) + "\":1}", null, null);
        assertJackson("[" + "1".repeat(FastJsonValues.MAX_NUMBER + 1) + "]", null, null);
        assertJackson("[".repeat(FastJsonValues.MAX_DEPTH + 1) + "]".repeat(FastJsonValues.MAX_DEPTH + 1), null, null);
    }

    @Test
    void theLimitsThemselvesAreTaken() {
        assertFast("{\"id\":\"" + "x".repeat(FastBodyScan.MAX_ID) + "\"}", "x".repeat(FastBodyScan.MAX_ID), null);
        assertFast("{\"" + "n".repeat(FastJsonValues.MAX_NAME) + "\":{\"" + "n".repeat(FastJsonValues.MAX_NAME) + "\":1}}",
                null, null);
        assertFast("[" + "1".repeat(FastJsonValues.MAX_NUMBER) + "]", null, null);
        assertFast("[".repeat(FastJsonValues.MAX_DEPTH) + "]".repeat(FastJsonValues.MAX_DEPTH), null, null);
        assertFast("{\"a\":" + "[".repeat(FastJsonValues.MAX_DEPTH - 1) + "]".repeat(FastJsonValues.MAX_DEPTH - 1) + "}",
                null, null);
    }

    private static void assertFast(String body, String id, String requirement) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        BodyScan expected = new BodyScan(true, id, requirement);
        assertThat(BodyScan.byJackson(b)).as("Jackson's scan of %s", body).isEqualTo(expected);
        assertThat(FastBodyScan.scan(b)).as("the fast scan of %s", body).isEqualTo(expected);
    }

    private static void assertJackson(String body, String id, String requirement) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertThat(FastBodyScan.scan(b)).as("the fast scan of %s", body).isNull();
        assertThat(BodyScan.of(b)).as("the scan of %s", body).isEqualTo(new BodyScan(true, id, requirement));
    }
}
