package dev.agentkit.testing.nats;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link NatsServerFixture} per test class and stops it (and
 * deletes its store) after the class; test methods and constructors may take the fixture as a
 * parameter. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NatsServerExtension NATS = new NatsServerExtension();
 *
 * @Test
 * void works() { Connection nc = Nats.connect(NATS.fixture().url()); ... }
 * }</pre>
 *
 * A missing nats-server aborts the class's tests, or fails them under {@code CI=true}.
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private volatile NatsServerFixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture = NatsServerFixture.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NatsServerFixture f = fixture;
        fixture = null;
        if (f != null) {
            f.close();
        }
    }

    /** The running server of the current test class. */
    public NatsServerFixture fixture() {
        NatsServerFixture f = fixture;
        if (f == null) {
            throw new IllegalStateException("the NATS server is not running: register NatsServerExtension on a static field");
        }
        return f;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NatsServerFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fixture();
    }
}
