package dev.agentkit.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The body scan's fast path never overrules Jackson: whenever {@link FastBodyScan} is sure, the
 * Jackson pass finds one JSON document with the same {@code id} and {@code requirement}, and
 * {@link BodyScan#of} always answers what the Jackson pass alone answers, for valid documents,
 * documents outside the fast path's subset, documents broken at the byte level and plain
 * garbage. And plain ASCII documents do take the fast path.
 */
class BodyScanPropertyTest {
    @Property(tries = 3000)
    void theFastPathIsSureOnlyWhereJacksonAgrees(@ForAll("bodies") byte[] body) {
        BodyScan jackson = BodyScan.byJackson(body);
        BodyScan fast = FastBodyScan.scan(body);
        Statistics.collect(fast != null ? "fast" : jackson.json() ? "jackson: JSON" : "jackson: not JSON");
        if (fast != null) {
            assertThat(jackson.json()).as("Jackson takes %s", text(body)).isTrue();
            assertThat(fast).as("the scan of %s", text(body)).isEqualTo(jackson);
        }
        assertThat(BodyScan.of(body)).as("the scan of %s", text(body)).isEqualTo(jackson);
    }

    @Property(tries = 1000)
    void plainAsciiDocumentsTakeTheFastPath(@ForAll("plainDocuments") String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        assertThat(FastBodyScan.scan(body)).as("the fast scan of %s", document).isEqualTo(BodyScan.byJackson(body));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> documents = Arbitraries.longs().map(JsonTexts::wild);
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        Arbitrary<byte[]> symbols = Arbitraries.strings().withChars("{}[]\":,\\ 0123456789.-+eEtrufalsn")
                .ofMaxLength(24).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                Tuple.of(3, documents.map(d -> d.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.longs().map(JsonTexts::plain).map(d -> d.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(4, Combinators.combine(documents, Arbitraries.longs()).as(JsonTexts::mutate)),
                Tuple.of(2, Combinators.combine(Arbitraries.longs().map(JsonTexts::plain), Arbitraries.longs())
                        .as(JsonTexts::mutate)),
                Tuple.of(1, garbage),
                Tuple.of(1, symbols));
    }

    @Provide
    Arbitrary<String> plainDocuments() {
        return Arbitraries.longs().map(JsonTexts::plain);
    }

    private static String text(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
