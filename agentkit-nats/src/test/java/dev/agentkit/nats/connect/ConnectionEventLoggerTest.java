package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionEventLoggerTest {

    @Test
    void itKeepsTheLastExceptionUnwrappedFromJnatsExecutionException() {
        ConnectionEventLogger events = new ConnectionEventLogger();
        assertThat(events.lastException()).isEmpty();
        SSLHandshakeException cause = new SSLHandshakeException("No trusted certificate found");
        events.exceptionOccurred(null, new ExecutionException(cause));
        assertThat(events.lastException()).containsSame(cause);
    }
}
