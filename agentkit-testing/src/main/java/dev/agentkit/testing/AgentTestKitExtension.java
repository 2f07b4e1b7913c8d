package dev.agentkit.testing;

import dev.agentkit.testing.broker.InMemoryBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a fresh {@link AgentTestKit}, and its
 * {@link VirtualClock} and {@link InMemoryBroker}, as parameters. The kit lives in the test's
 * extension store and is closed by JUnit when the test ends.
 *
 * <pre>{@code @ExtendWith(AgentTestKitExtension.class)}</pre>
 */
public final class AgentTestKitExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AgentTestKitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AgentTestKit.class || type == VirtualClock.class || type == InMemoryBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        AgentTestKit kit = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(AgentTestKit.class, k -> new Resource(AgentTestKit.create()), Resource.class).kit;
        Class<?> type = parameter.getParameter().getType();
        if (type == AgentTestKit.class) {
            return kit;
        }
        if (type == VirtualClock.class) {
            return kit.clock();
        }
        if (type == InMemoryBroker.class) {
            return kit.broker();
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }

    private record Resource(AgentTestKit kit) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kit.close();
        }
    }
}
