package dev.agentkit.testing.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code nats-server -js} in a Docker container, for users whose integration tests run with
 * Testcontainers instead of a local binary ({@code NatsServerFixture}). Add
 * {@code org.testcontainers:testcontainers} to your test dependencies; this class is the only one
 * in agentkit that needs it.
 *
 * <pre>{@code
 * try (NatsContainer nats = NatsContainer.create()) {
 *     nats.start();
 *     JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build());
 *     ...
 * }
 * }</pre>
 *
 * By default the container publishes the client port on a mapped host port, as on any machine
 * with Docker's bridge network. Where the engine runs without a bridge (a sandbox, a CI runner
 * that allows only loopback traffic) {@link #onHostNetwork} runs the server in the host's network
 * on a free 127.0.0.1 port instead; {@link #create()} chooses that when the environment variable
 * {@value #HOST_NETWORK_ENV} is {@code true}. The image is {@value #DEFAULT_IMAGE} unless
 * {@value #IMAGE_ENV} names another (e.g. one built locally from a nats-server binary, as
 * {@code scripts/docker-engine.sh} does); it must run {@code nats-server} as its entry point.
 */
public final class NatsContainer extends GenericContainer<NatsContainer> {
    /** The image used when {@value #IMAGE_ENV} is not set: the official one, JetStream capable. */
    public static final String DEFAULT_IMAGE = "nats:2.10";
    /** Names the image to run instead of {@value #DEFAULT_IMAGE}. */
    public static final String IMAGE_ENV = "AGENTKIT_NATS_IMAGE";
    /** {@code true}: run on the host's network (for engines started without a bridge). */
    public static final String HOST_NETWORK_ENV = "AGENTKIT_DOCKER_HOST_NETWORK";
    /** The client port inside the container, in bridge mode. */
    public static final int CLIENT_PORT = 4222;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final int hostPort;

    private NatsContainer(DockerImageName image, int hostPort) {
        super(image);
        this.hostPort = hostPort;
        waitingFor(Wait.forLogMessage(".*Server is ready.*", 1).withStartupTimeout(STARTUP));
        if (hostPort > 0) {
            withNetworkMode("host");
            withCommand("-js", "-a", "127.0.0.1", "-p", Integer.toString(hostPort));
        } else {
            withExposedPorts(CLIENT_PORT);
            withCommand("-js");
        }
    }

    /** A container of the image the environment names (or the default), in the mode it asks for. */
    public static NatsContainer create() {
        String image = System.getenv(IMAGE_ENV);
        DockerImageName name = DockerImageName.parse(image == null || image.isBlank() ? DEFAULT_IMAGE : image);
        return Boolean.parseBoolean(System.getenv(HOST_NETWORK_ENV)) ? onHostNetwork(name) : withPortMapping(name);
    }

    /** A container of {@code image} whose client port Docker maps to a free host port. */
    public static NatsContainer withPortMapping(DockerImageName image) {
        return new NatsContainer(image, 0);
    }

    /** A container of {@code image} on the host's network, listening on a free 127.0.0.1 port. */
    public static NatsContainer onHostNetwork(DockerImageName image) {
        return new NatsContainer(image, freeLoopbackPort());
    }

    /** The URL to connect to once started: {@code nats://host:port}. */
    public String url() {
        if (hostPort > 0) {
            return "nats://127.0.0.1:" + hostPort;
        }
        return "nats://" + getHost() + ":" + getMappedPort(CLIENT_PORT);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the NATS container", e);
        }
    }

}
