package dev.agentkit.testing.nats;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, within a deadline, until a just-started nats-server greets clients on its loopback port
 * with its {@code INFO} line (JetStream is up by then: the server enables it before it accepts
 * clients). A server that accepts the connection but stays silent for a second is ready too: with
 * TLS {@code handshake_first} it waits for the client's TLS handshake before its {@code INFO}.
 * Used by {@link NatsServerFixture} and the cluster nodes after each start.
 */
final class ServerReadiness {
    private static final int SOCKET_TIMEOUT_MILLIS = 1000;
    private static final long RETRY_NANOS = Duration.ofMillis(20).toNanos();

    private ServerReadiness() {
    }

    static void await(int port, ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("nats-server on port " + port + " exited during start-up"
                        + " (see the log of dev.agentkit.testing.nats.server)");
            }
            try {
                if (greets(port)) {
                    return;
                }
                lastProblem = "unexpected greeting";
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        throw new IllegalStateException("nats-server on 127.0.0.1:" + port + " not ready within " + timeout + ": " + lastProblem);
    }

    private static boolean greets(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            try {
                while ((c = in.read()) != -1 && c != '\n' && line.length() < 64 * 1024) {
                    line.append((char) c);
                }
            } catch (SocketTimeoutException e) {
                // accepted but silent: a TLS-first server (handshake_first) waits for the client's handshake
                return line.length() == 0;
            }
            String info = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return info.startsWith("INFO ") && info.contains("\"port\":" + port);
        }
    }
}
