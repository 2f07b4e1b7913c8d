package dev.agentkit.testing.matrix;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real {@link SynapseServer}: one per test run, started at the first
 * class that asks and closed by JUnit when the run ends (it lives in the root extension store).
 * Test classes use {@code @ExtendWith(SynapseExtension.class)} and take a {@code SynapseServer}
 * parameter (constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method).
 *
 * <p>When Synapse cannot be installed or started, the test classes fail under {@code CI=true};
 * otherwise each test is skipped with the reason. The attempt is made once per run.
 */
public final class SynapseExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SynapseExtension.class);

    /** The run's server, or why there is none; closed by JUnit at the end of the run. */
    private static final class Shared implements ExtensionContext.Store.CloseableResource {
        private final SynapseServer server;
        private final SynapseUnavailableException failure;

        private Shared(SynapseServer server, SynapseUnavailableException failure) {
            this.server = server;
            this.failure = failure;
        }

        static Shared launch() {
            try {
                return new Shared(SynapseServer.launch(), null);
            } catch (SynapseUnavailableException e) {
                return new Shared(null, e);
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Shared shared = shared(context);
        if (shared.failure != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw shared.failure;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SynapseServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static Shared shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, k -> Shared.launch(), Shared.class);
    }

    private static SynapseServer server(ExtensionContext context) {
        Shared shared = shared(context);
        if (shared.failure != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw shared.failure;
            }
            Assumptions.abort("Synapse is not available, skipping (set CI=true to fail instead): "
                    + shared.failure.getMessage());
        }
        return shared.server;
    }
}
