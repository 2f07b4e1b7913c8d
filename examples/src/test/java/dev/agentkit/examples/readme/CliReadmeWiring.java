package dev.agentkit.examples.readme;

import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.worker.WorkerAgent;
import dev.agentkit.core.worker.WorkerSettings;
import java.nio.file.Path;
import java.util.List;

/** agentkit-cli's README, the worker agent from Java: compiled and checked by ReadmeSnippetsTest (WorkerAgentTest runs it). */
final class CliReadmeWiring {
    private CliReadmeWiring() {
    }

    static WorkerAgent roy(AgentRuntime runtime) {
        WorkerAgent roy = new WorkerAgent(AgentConfig.builder("roy").role("backend").build(), runtime,
                AgentDefinition.parse(Path.of("agents/roy.md")),
                WorkerSettings.builder(List.of("claude", "-p"), Path.of("workspace")).announce("api_ready").build());
        return roy;
    }
}
