package dev.agentkit.testing.nats;

import io.nats.Output;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jnats-server-runner's messages and the server's own output to slf4j (logger
 * {@code dev.agentkit.testing.nats.server}) instead of java.util.logging: server errors and
 * warnings as such, everything else at debug. Used by {@link NatsServerFixture}.
 */
final class Slf4jRunnerOutput implements Output {
    private static final Logger log = LoggerFactory.getLogger("dev.agentkit.testing.nats.server");

    @Override
    public void setLevel(Level level) {
        // slf4j's configuration decides what is shown
    }

    @Override
    public void error(Supplier<String> msg) {
        if (log.isErrorEnabled()) {
            log.error(msg.get());
        }
    }

    @Override
    public void error(String msg) {
        log.error(msg);
    }

    @Override
    public void warning(Supplier<String> msg) {
        if (log.isWarnEnabled()) {
            log.warn(msg.get());
        }
    }

    @Override
    public void warning(String msg) {
        log.warn(msg);
    }

    /** Server lines arrive here; the server's own errors and warnings keep their level. */
    @Override
    public void info(Supplier<String> msg) {
        info(msg.get());
    }

    @Override
    public void info(String msg) {
        if (msg.contains("[ERR]") || msg.contains("[FTL]")) {
            log.error(msg);
        } else if (msg.contains("[WRN]")) {
            log.warn(msg);
        } else {
            log.debug(msg);
        }
    }

    @Override
    public boolean isLogger() {
        return false;
    }

    @Override
    public java.util.logging.Logger getLogger() {
        return null;
    }
}
