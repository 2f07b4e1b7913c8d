package dev.agentkit.core.broker;

import dev.agentkit.core.topology.ConsumerSpec;
import java.util.Objects;

/**
 * Names one durable consumer: its stream and durable name. Passed to {@link Broker#fetch}.
 *
 * @param stream  the stream
 * @param durable the durable consumer's name
 */
public record ConsumerRef(String stream, String durable) {
    public ConsumerRef {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(durable, "durable");
    }

    /** The reference to the consumer a spec declares. */
    public static ConsumerRef of(ConsumerSpec spec) {
        return new ConsumerRef(spec.stream(), spec.durable());
    }

    @Override
    public String toString() {
        return stream + "/" + durable;
    }
}
