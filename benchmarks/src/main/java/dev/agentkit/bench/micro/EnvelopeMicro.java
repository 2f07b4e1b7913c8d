package dev.agentkit.bench.micro;

import dev.agentkit.core.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** JMH: what the turn does to every message before the agent sees it: read its id from a 1 KiB JSON body. */
@State(Scope.Thread)
public class EnvelopeMicro {
    private final byte[] body = ("{\"id\":\"REQ-001\",\"payload\":\"" + "x".repeat(1000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Optional<String> idFromBody() {
        return Envelope.of(body, Map.of()).id();
    }
}
