package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.routing.AiRouter;
import dev.agentkit.routing.ChainRouter;
import dev.agentkit.routing.FileRouter;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.anthropic.AnthropicLanguageModel;
import dev.agentkit.routing.drain.DrainReport;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.routing.roadmap.RoadmapSource;
import dev.agentkit.routing.work.WorkLoop;
import dev.agentkit.routing.work.WorkReport;
import java.nio.file.Path;

/** agentkit-routing's README snippets, compiled and checked by ReadmeSnippetsTest (the routers and drainer run in the routing module's tests). */
final class RoutingWiring {
    private RoutingWiring() {
    }

    static Router router() {
        Router router = ChainRouter.builder()
                .then(TagRouter.builder().rule("api", "backend").rule("ui", "frontend").rule("deploy", "infrastructure").build())
                .then(FileRouter.builder().prefix("src/api/", "backend").glob("**/*.tsx", "frontend").build())
                .then(AiRouter.builder(AnthropicLanguageModel.fromEnvironment())
                        .role("backend", "APIs, database, server-side logic")
                        .role("frontend", "UI components, pages, accessibility")
                        .role("infrastructure", "deployment, CI, containers")
                        .build())
                .defaultRole("backend")      // leave out to have unroutable requirements reported instead
                .build();
        return router;
    }

    static DrainReport drainer(Broker broker, Router router, ChatPort chatPort, ProcessedStore processedStore) {
        QueueDrainer drainer = QueueDrainer.builder(broker, router)
                .deadLetterUnroutable(true)           // work.deadletter.drainer, a turn's dead letter of kind unroutable
                .alertUnroutable(chatPort)            // a post to the alerts room
                .publishedStore(processedStore)       // optional: remember published ids for the store's retention
                .build();
        DrainReport report = drainer.drain(RoadmapSource.of(Path.of("ROADMAP.md")));
        return report;
    }

    static int workLoop(Broker broker, Topology topology, StateStore stateStore, ChatPort chatPort) {
        WorkReport r = WorkLoop.builder(broker, item -> { work(item); return Outcome.done(); },
                        topology.deadLetterSubject("roy"))
                .stateStore(stateStore)                  // optional: index dead letters with the team's
                .alerts(chatPort)                        // optional: escalate them to the alerts room
                .build()
                .run(topology.consumersFor("roy", "backend").work(), 10);
        r.processed();   // deliveries pulled and settled; stops at an empty queue or the budget
        return r.processed();
    }

    private static void work(Object item) {   // the work of one delivery
    }
}
