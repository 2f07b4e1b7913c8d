package dev.agentkit.core.broker;

/**
 * An existing stream or consumer contradicts what the topology asks for, in a way provisioning
 * must not change silently. Names the stream, the field and both values.
 */
public class TopologyConflictException extends BrokerException {
    private static final long serialVersionUID = 1L;
    private final String stream;
    private final String field;

    public TopologyConflictException(String stream, String field, Object existing, Object wanted) {
        super("stream " + stream + ": " + field + " is " + existing + " on the server but the topology asks for "
                + wanted, false);
        this.stream = stream;
        this.field = field;
    }

    /** The stream in conflict. */
    public String stream() {
        return stream;
    }

    /** The field that differs, e.g. {@code retention} or {@code subjects}. */
    public String field() {
        return field;
    }
}
