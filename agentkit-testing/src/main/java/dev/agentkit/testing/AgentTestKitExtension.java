package dev.agentkit.testing;

import dev.agentkit.testing.broker.InMemoryBroker;
import dev.agentkit.testing.chat.InMemoryChat;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that gives each test a fresh {@link AgentTestKit}, and its
 * {@link VirtualClock}, {@link InMemoryBroker} and {@link InMemoryChat}, as parameters. The kit
 * lives in the test's extension store as a closeable resource, so JUnit closes it when the test
 * ends. When the test fails, the extension logs the kit's {@link AgentTestKit#diagnostics()}
 * (WARN, through slf4j, logger {@code dev.agentkit.testing.AgentTestKitExtension}) and rethrows
 * the failure unchanged; an aborted test (a failed assumption) logs nothing.
 *
 * <pre>{@code @ExtendWith(AgentTestKitExtension.class)}</pre>
 */
public final class AgentTestKitExtension implements ParameterResolver, TestExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(AgentTestKitExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AgentTestKitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AgentTestKit.class || type == VirtualClock.class || type == InMemoryBroker.class
                || type == InMemoryChat.class;
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
        if (type == InMemoryChat.class) {
            return kit.chat();
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Resource resource = context.getStore(NAMESPACE).get(AgentTestKit.class, Resource.class);
        if (resource != null && !(failure instanceof TestAbortedException)) {
            String test = context.getTestClass().map(c -> c.getSimpleName() + ".").orElse("") + context.getDisplayName();
            try {
                log.warn("{} failed; what its AgentTestKit saw:\n{}", test, resource.kit.diagnostics());
            } catch (RuntimeException e) {
                log.warn("{} failed; the AgentTestKit's diagnostics could not be rendered", test, e);
            }
        }
        throw failure;
    }

    private record Resource(AgentTestKit kit) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kit.close();
        }
    }
}
