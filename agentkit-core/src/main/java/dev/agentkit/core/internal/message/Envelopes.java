package dev.agentkit.core.internal.message;

import dev.agentkit.core.message.Envelope;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Makes an {@link Envelope} that takes its body and headers as they are, without the defensive
 * copies {@link Envelope#of} makes: for a broker adapter handing over the bytes and the header
 * map of a message it just received, which nothing else holds or changes. Saves a copy of every
 * body on the turn's path. Set up by {@link Envelope} itself when its class is loaded.
 */
public final class Envelopes {
    private static volatile BiFunction<byte[], Map<String, String>, Envelope> owning;

    private Envelopes() {
    }

    /** Called once by {@link Envelope}'s class initializer with its non-copying constructor. */
    public static void owningWith(BiFunction<byte[], Map<String, String>, Envelope> factory) {
        if (owning != null) {
            throw new IllegalStateException("already set");
        }
        owning = Objects.requireNonNull(factory, "factory");
    }

    /**
     * An envelope over {@code body} and {@code headers} themselves: the caller hands both over
     * and never touches them again. Header names must be non-blank and values non-null, as for
     * {@link Envelope#of}.
     */
    public static Envelope owning(byte[] body, Map<String, String> headers) {
        BiFunction<byte[], Map<String, String>, Envelope> f = owning;
        if (f == null) {
            Envelope.ofText(""); // loads Envelope, whose initializer sets the factory
            f = owning;
        }
        return f.apply(body, headers);
    }
}
