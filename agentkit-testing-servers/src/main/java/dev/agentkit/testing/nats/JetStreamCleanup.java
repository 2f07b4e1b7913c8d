package dev.agentkit.testing.nats;

import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.util.List;

/**
 * Deletes streams (their consumers and messages go with them) so that tests sharing one
 * nats-server or cluster start from nothing: a topology's streams, or every stream. A stream that
 * is already gone is no error. Used by agentkit's integration tests and benchmarks; yours may use it.
 */
public final class JetStreamCleanup {
    /** JetStream's error code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;

    private JetStreamCleanup() {
    }

    /** Deletes the streams of {@code topology} on {@code nc}'s server. */
    public static void deleteStreams(Connection nc, Topology topology) {
        deleteStreams(nc, topology.streams().stream().map(StreamSpec::name).toList());
    }

    /** Deletes every stream on {@code nc}'s server, KV buckets included. */
    public static void deleteAllStreams(Connection nc) {
        try {
            deleteStreams(nc, jsm(nc).getStreamNames());
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("could not list the streams: " + e.getMessage(), e);
        }
    }

    /** Deletes the streams named {@code names}. */
    public static void deleteStreams(Connection nc, List<String> names) {
        JetStreamManagement jsm = jsm(nc);
        for (String name : names) {
            try {
                jsm.deleteStream(name);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                    throw new IllegalStateException("could not delete stream " + name + ": " + e.getMessage(), e);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not delete stream " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static JetStreamManagement jsm(Connection nc) {
        try {
            return nc.jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException("could not open JetStream management: " + e.getMessage(), e);
        }
    }
}
