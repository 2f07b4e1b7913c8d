package dev.agentkit.examples.protocol;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.examples.team.Roy;
import dev.agentkit.examples.team.TeamSettings;
import dev.agentkit.examples.team.Workspaces;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.protocol.AgentSelector;
import dev.agentkit.protocol.ProtocolHost;
import dev.agentkit.protocol.ProtocolHostConfig;
import dev.agentkit.protocol.ProtocolWorker;
import dev.agentkit.protocol.ProtocolWorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * "Agents from anywhere" (agentkit-protocol/README.md): Roy on a real nats-server as the protocol
 * agent {@code agentkit/demo/roy}, for {@code nats micro ls}, {@code nats req} and any protocol
 * client; with a third argument {@code agent/owner/name}, Jen's work is done by that protocol
 * agent and one requirement is put on her queue. Arguments: the NATS URL
 * ({@code nats://127.0.0.1:4222}), the minutes to run (10), the worker's selector (none).
 */
public final class AgentsFromAnywhere {
    private AgentsFromAnywhere() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
        Duration runFor = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Path sheets = Files.isDirectory(Path.of("examples/agents")) ? Path.of("examples/agents") : Path.of("agents");
        Topology topology = Topology.workshopDefault();
        try (JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(url).build())) {
            broker.provision(topology, Map.of("roy", "backend", "jen", "frontend"));
            AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology).build();
            Roy roy = new Roy(runtime, TeamSettings.of(Workspaces.init(Files.createTempDirectory("agentkit-roy"), "Start"), sheets));
            TurnScheduler scheduler = TurnScheduler.builder(AgentClock.system()).build()
                    .add(roy, Schedule.every(Duration.ofSeconds(30)));
            if (args.length > 2) {
                String[] who = args[2].split("/");
                ProtocolWorkerConfig work = ProtocolWorkerConfig.builder(new AgentSelector(who[0], who[1], who[2]))
                        .systemPrompt(AgentDefinition.parse(sheets.resolve("jen.md"))).build();
                ProtocolWorker jen = new ProtocolWorker(AgentConfig.builder("jen").role("frontend").room("frontend").build(),
                        runtime, broker.connection(), work);
                scheduler.add(jen, Schedule.every(Duration.ofSeconds(5)));
                broker.publish(topology.requirementSubject("frontend"),
                        Envelope.ofJson(Map.of("id", "REQ-100", "title", "Build the login form")).withMessageId("REQ-100"));
                System.out.println("jen's work goes to the protocol agent " + args[2]);
            }
            try (ProtocolHost host = ProtocolHost.start(roy, broker.connection(), ProtocolHostConfig.builder("demo", "roy").build())) {
                scheduler.start();
                System.out.println("roy is the protocol agent agentkit/demo/roy (instance " + host.instanceId() + ") on " + url
                        + " for " + runFor.toMinutes() + " minutes; try: nats micro ls agents");
                Thread.sleep(runFor.toMillis());
            } finally {
                scheduler.shutdown(Duration.ofSeconds(30));
            }
        }
    }
}
