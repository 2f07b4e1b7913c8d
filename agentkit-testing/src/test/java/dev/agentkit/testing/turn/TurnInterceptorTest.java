package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ForwardingBroker;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnInterceptor;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.TurnStart;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interceptors run around turns, items and messages, outermost first, on the turn's thread, and
 * decorate the runtime's broker and chat once; reportUsage reaches the listeners.
 */
@ExtendWith(AgentTestKitExtension.class)
class TurnInterceptorTest {

    /** Records where it runs as "name>what" before proceeding and "name<what" after. */
    static final class Tracer implements TurnInterceptor {
        final String name;
        final List<String> log;

        Tracer(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public Broker broker(Broker broker) {
            return new ForwardingBroker(broker) {
                @Override
                public PublishResult publish(String subject, Envelope envelope) {
                    log.add(name + " publish " + subject);
                    return delegate.publish(subject, envelope.withHeader("X-" + name, "seen"));
                }
            };
        }

        @Override
        public TurnReport turn(Chain<TurnStart, TurnReport> chain) {
            log.add(name + ">turn " + chain.item().turnId());
            TurnReport r = chain.proceed();
            log.add(name + "<turn " + r.done());
            return r;
        }

        @Override
        public ItemEvent item(Chain<WorkItem, ItemEvent> chain) {
            log.add(name + ">item " + chain.item().id());
            ItemEvent e = chain.proceed();
            log.add(name + "<item " + e.result());
            return e;
        }

        @Override
        public ItemEvent message(Chain<WorkItem, ItemEvent> chain) {
            log.add(name + ">message " + chain.item().subject());
            ItemEvent e = chain.proceed();
            log.add(name + "<message " + e.result());
            return e;
        }
    }

    @Test
    void interceptorsWrapTurnItemAndMessageOutermostFirstAndSeeTheItemsPublishes(AgentTestKit kit) {
        List<String> log = new ArrayList<>();
        Tracer outer = new Tracer("a", log);
        Tracer inner = new Tracer("b", log);
        List<Usage> reported = new ArrayList<>();
        kit.provision("roy", "backend");
        AgentRuntime runtime = kit.runtime().toBuilder().interceptor(outer).interceptor(inner)
                .listener(new TurnListener() {
                    @Override
                    public void usageReported(String agent, String turnId, Usage usage) {
                        reported.add(usage);
                    }
                }).build();
        ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").build(), runtime);
        roy.work = (self, item) -> {
            log.add("work " + item.id());
            self.announceFromWork("api_ready", Map.of("type", "api_ready"));
            self.usage(Usage.of(10, 2, 0.01));
            return Outcome.done();
        };
        kit.publish(kit.topology().integrationSubject("schema"), Map.of("id", "A-1"));
        kit.publishWork("backend", Map.of("id", "REQ-1"));

        roy.runTurn();

        assertThat(log).containsSubsequence("a>turn roy-1", "b>turn roy-1",
                "a>message work.integration.schema", "b>message work.integration.schema",
                "b<message DONE", "a<message DONE",
                "a>item REQ-1", "b>item REQ-1", "work REQ-1",
                "a publish work.integration.api_ready", "b publish work.integration.api_ready",
                "b<item DONE", "a<item DONE", "b<turn 1", "a<turn 1");
        assertThat(kit.published("work.integration.api_ready")).singleElement()
                .satisfies(e -> assertThat(e.headers()).containsKeys("X-a", "X-b"));
        assertThat(log).as("the broker is decorated once, though the agent took its own seat")
                .filteredOn(l -> l.startsWith("a publish")).hasSize(1);
        assertThat(reported).containsExactly(Usage.of(10, 2, 0.01));
    }

    @Test
    void anInterceptorThatDoesNotProceedFailsTheTurn(AgentTestKit kit) {
        kit.provision("roy", "backend");
        AgentRuntime runtime = kit.runtime().toBuilder().interceptor(new TurnInterceptor() {
            @Override
            public TurnReport turn(Chain<TurnStart, TurnReport> chain) {
                return null;
            }
        }).build();
        ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").build(), runtime);
        assertThatThrownBy(roy::runTurn).isInstanceOf(IllegalStateException.class).hasMessageContaining("proceed()");
    }
}
