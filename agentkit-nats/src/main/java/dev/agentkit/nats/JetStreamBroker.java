package dev.agentkit.nats;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Broker} on a real NATS JetStream server, through jnats. It passes the same
 * {@code BrokerContract} as the in-memory broker.
 *
 * <pre>{@code
 * try (JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.fromEnvironment())) {
 *     broker.provision(Topology.workshopDefault(), Map.of("roy", "backend"));
 *     AgentRuntime runtime = AgentRuntime.builder(broker).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Fetches with a wait return as soon as one message is there; a wait below one second is
 * raised to one second (jnats' shortest pull expiry), and {@link Duration#ZERO} asks the server
 * for what it has now without waiting. A transient failure (not connected, a server lost, a
 * stream or consumer leader being elected on a cluster) is retried, and logged, while the wait
 * lasts (a {@link RetryPolicy} on the system clock); then it is thrown as a transient {@link BrokerException}. A publish is retried for a
 * few seconds when a retry cannot store it twice (see {@link JetStreamPublisher}). A fetch is one pull request
 * read to its end on a subscription of its own ({@link JetStreamPull}: not jnats'
 * {@code ConsumerContext.fetch}, which can drop a full batch's last message), so fetches from
 * several threads run side by side; a consumer is looked up once per {@link ConsumerRef}.
 * Header values NATS cannot carry (non-ASCII, line breaks) travel encoded and come back as sent.
 * Thread-safe. Used by applications that run agents on NATS; the KV stores and the dead-letter
 * watcher take its {@link #connection()}.
 */
public final class JetStreamBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(JetStreamBroker.class);

    private final Connection connection;
    private final boolean ownsConnection;
    private final JetStreamManagement jsm;
    private final JetStreamProvisioner provisioner;
    private final FailoverCheck failover;
    private final JetStreamPublisher publisher;
    /** The pull subjects of consumers known to exist. */
    private final Map<ConsumerRef, String> pullSubjects = new ConcurrentHashMap<>();

    /** A broker over an open connection that the caller keeps and closes. */
    public JetStreamBroker(Connection connection) {
        this(connection, false);
    }

    private JetStreamBroker(Connection connection, boolean ownsConnection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.ownsConnection = ownsConnection;
        try {
            this.jsm = connection.jetStreamManagement();
            this.failover = new FailoverCheck(connection);
            this.publisher = new JetStreamPublisher(connection, connection.jetStream(), failover);
        } catch (IOException e) {
            throw NatsFailures.wrap("open JetStream on " + connection.getConnectedUrl(), e);
        }
        this.provisioner = new JetStreamProvisioner(jsm, () -> ClusterSize.of(connection));
    }

    /** Connects with {@code config}; {@link #close()} closes the connection. */
    public static JetStreamBroker connect(NatsConnectionConfig config) {
        Connection nc = config.connect();
        try {
            return new JetStreamBroker(nc, true);
        } catch (RuntimeException e) {
            closeQuietly(nc);
            throw e;
        }
    }

    /** The underlying connection, for KV stores and advisories on the same server. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void ensureStream(StreamSpec spec) {
        provisioner.ensureStream(spec);
    }

    @Override
    public void ensureConsumer(ConsumerSpec spec) {
        provisioner.ensureConsumer(spec);
        pullSubjects.remove(ConsumerRef.of(spec));
    }

    @Override
    public PublishResult publish(String subject, Envelope envelope) {
        Subjects.requireValid("publish subject", subject);
        if (subject.contains("*") || subject.contains(">")) {
            throw new IllegalArgumentException("cannot publish to a wildcard subject: " + subject);
        }
        long size = PayloadSize.of(envelope);
        long max = maxPayload();
        if (size > max) {
            // jnats would throw an IllegalArgumentException; say it the broker's way, permanently
            throw new BrokerException("publish to " + subject + ": message of " + size
                    + " bytes exceeds the server's max payload of " + max, false);
        }
        try {
            return publisher.publish(subject, envelope);
        } catch (IllegalArgumentException e) {
            throw new BrokerException("publish to " + subject + ": " + e.getMessage(), false, e);
        }
    }

    /** The connected server's {@code max_payload} (1 MiB unless configured); the default while not connected. */
    @Override
    public long maxPayload() {
        long max = connection.getMaxPayload();
        return max > 0 ? max : DEFAULT_MAX_PAYLOAD;
    }

    @Override
    public Optional<Envelope> envelopeAt(String stream, long sequence) {
        return readMessage(stream, sequence).map(StoredMessage::envelope);
    }

    @Override
    public List<Delivery> fetch(ConsumerRef ref, int maxMessages, Duration maxWait) {
        List<Delivery> got = new ArrayList<>(Math.min(Math.max(maxMessages, 0), 1024));
        pulls(ref).fetch(maxMessages, maxWait, 0, got::addAll);
        return got;
    }

    /**
     * Pulls that hand deliveries over as they come off the wire and, told to, send the next
     * pull while the caller works on the last ({@link JetStreamPulls}).
     */
    @Override
    public Pulls pulls(ConsumerRef ref) {
        Objects.requireNonNull(ref, "ref");
        return new JetStreamPulls(connection, ref, () -> pullSubject(ref), () -> pullSubjects.remove(ref),
                () -> failover.consumerIsLeaderless(ref));
    }

    @Override
    public ConsumerStatus status(ConsumerRef ref) {
        try {
            ConsumerInfo info = jsm.getConsumerInfo(ref.stream(), ref.durable());
            return new ConsumerStatus(info.getNumPending(), info.getNumAckPending());
        } catch (JetStreamApiException e) {
            throw notFoundOr(ref, "read the status of " + ref, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("read the status of " + ref, e);
        }
    }

    /** The message stored at {@code sequence} in {@code stream}; empty when it was removed (limits, age, ack). */
    public Optional<StoredMessage> readMessage(String stream, long sequence) {
        try {
            MessageInfo m = jsm.getMessage(stream, sequence);
            byte[] data = m.getData();
            return Optional.of(new StoredMessage(stream, m.getSeq(), m.getSubject(),
                    Envelope.of(data == null ? new byte[0] : data, NatsHeaders.fromNats(m.getHeaders()))));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.NO_MESSAGE_FOUND) {
                return Optional.empty();
            }
            throw NatsFailures.wrap("read message " + sequence + " of stream " + stream, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("read message " + sequence + " of stream " + stream, e);
        }
    }

    /** Forgets the consumers it looked up and, when this broker opened the connection, closes it. */
    @Override
    public void close() {
        pullSubjects.clear();
        if (ownsConnection) {
            closeQuietly(connection);
        }
    }

    /** The pull subject of {@code ref}'s consumer, looked up once (so a missing one fails, naming it) and cached. */
    private String pullSubject(ConsumerRef ref) {
        String cached = pullSubjects.get(ref);
        if (cached != null) {
            return cached;
        }
        try {
            jsm.getConsumerInfo(ref.stream(), ref.durable());
        } catch (JetStreamApiException e) {
            throw notFoundOr(ref, "look up consumer " + ref, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("look up consumer " + ref, e);
        }
        String subject = JetStreamPull.nextSubject(ref.stream(), ref.durable());
        pullSubjects.put(ref, subject);
        return subject;
    }

    private static BrokerException notFoundOr(ConsumerRef ref, String action, JetStreamApiException e) {
        if (e.getApiErrorCode() == NatsFailures.CONSUMER_NOT_FOUND) {
            return new BrokerException("consumer " + ref + " does not exist", false, e);
        }
        if (e.getApiErrorCode() == NatsFailures.STREAM_NOT_FOUND) {
            return new BrokerException("stream " + ref.stream() + " does not exist", false, e);
        }
        return NatsFailures.wrap(action, e);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", c, e.toString());
        }
    }
}
