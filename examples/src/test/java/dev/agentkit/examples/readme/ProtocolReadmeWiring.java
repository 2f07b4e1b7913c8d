package dev.agentkit.examples.readme;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.protocol.AgentSelector;
import dev.agentkit.protocol.ProtocolHost;
import dev.agentkit.protocol.ProtocolHostConfig;
import dev.agentkit.protocol.ProtocolWorker;
import dev.agentkit.protocol.ProtocolWorkerConfig;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** agentkit-protocol's README: compiled and checked by ReadmeSnippetsTest (ProtocolWorkerIT and ProtocolHostIT run the same wiring). */
final class ProtocolReadmeWiring {
    private ProtocolReadmeWiring() {
    }

    static ProtocolWorker worker(JetStreamBroker broker, AgentRuntime runtime) {
        Connection nc = broker.connection();
        ProtocolWorkerConfig work = ProtocolWorkerConfig.builder(new AgentSelector("claude-code", "alice", "backend"))
                .systemPrompt(AgentDefinition.parse(Path.of("agents/roy.md")))   // the character sheet's rendering
                .silence(Duration.ofSeconds(60))                                  // no chunk, not even a keep-alive: retry
                .queryTimeout(Duration.ofMinutes(5))                              // a mid-stream question waits for a human
                .build();
        ProtocolWorker roy = new ProtocolWorker(AgentConfig.builder("roy").role("backend").room("backend").build(),
                runtime, nc, work);
        return roy;
    }

    static ProtocolHost host(TurnBasedAgent roy, Connection nc, String aliceUserNkey) {
        ProtocolHost host = ProtocolHost.start(roy, nc, ProtocolHostConfig.builder("acme", "roy")
                .allowSenders(List.of(aliceUserNkey))      // empty: whoever NATS lets publish to the subject
                .answerWait(Duration.ofMinutes(5))          // then the stream says where the answer will appear
                .build());
        return host;
    }
}
