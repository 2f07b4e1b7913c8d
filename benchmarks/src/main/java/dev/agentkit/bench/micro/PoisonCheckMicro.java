package dev.agentkit.bench.micro;

import dev.agentkit.bench.nats.NatsBench;
import dev.agentkit.core.message.Envelope;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: what a turn asks of every fetched message of B1 before processing it: is its 1 KiB body
 * one JSON document (else it is poison), and what is its id. (The turn's envelope takes the
 * fetched bytes without a copy; {@link Envelope#of} copies them, a small part of the time here.)
 */
@State(Scope.Thread)
public class PoisonCheckMicro {
    /** B1's body ({@link NatsBench#BODY}): {@code {"kind":"benchmark","pad":"xxx…"}}, 1,024 bytes. */
    private final byte[] body = NatsBench.BODY.clone();

    @Benchmark
    public Optional<String> b1Body() {
        Envelope e = Envelope.of(body, Map.of());
        return e.isJson() ? e.id() : Optional.empty();
    }
}
