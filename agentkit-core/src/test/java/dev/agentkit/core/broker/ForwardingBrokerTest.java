package dev.agentkit.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A method added to {@link Broker}, default or not, must be forwarded, or decorators silently answer with the default. */
class ForwardingBrokerTest {

    @Test
    void everyBrokerMethodIsForwarded() throws NoSuchMethodException {
        List<String> missing = Arrays.stream(Broker.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(m))
                .map(Method::toString).toList();
        assertThat(missing).as("Broker methods ForwardingBroker does not forward").isEmpty();
    }

    private static boolean declares(Method m) {
        try {
            return ForwardingBroker.class.getDeclaredMethod(m.getName(), m.getParameterTypes()) != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
