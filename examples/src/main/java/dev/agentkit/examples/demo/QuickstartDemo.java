package dev.agentkit.examples.demo;

import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The README's first command: one agent's turns on the in-memory broker and virtual clock. It
 * publishes four requirements (one flaky, one malformed), runs turns with virtual time between
 * them, and prints each turn's report and what reached the integration and dead-letter streams.
 */
public final class QuickstartDemo {
    private QuickstartDemo() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns the reports of its turns. */
    public static java.util.List<TurnReport> run(PrintStream out) {
        try (AgentTestKit kit = AgentTestKit.create()) {
            kit.provision("roy", "backend");
            QuickstartAgent roy = new QuickstartAgent(kit.runtime());
            kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login endpoint"));
            kit.publishWork("backend", Map.of("id", "REQ-002", "title", "Add logout endpoint", "flaky", true));
            kit.publishWork("backend", Map.of("id", "REQ-003"));
            kit.publishWork("backend", Map.of("id", "REQ-004", "title", "Rate-limit login"));
            out.println("agentkit demo: roy (backend) on the in-memory broker, virtual time");
            java.util.List<TurnReport> reports = new java.util.ArrayList<>();
            for (int turn = 1; turn <= 3; turn++) {
                TurnReport r = roy.runTurn();
                reports.add(r);
                out.printf("%s  %s%n", kit.clock().now(), r.summary());
                kit.advance(Duration.ofMinutes(30));
            }
            out.println("announced on work.integration.>:");
            kit.published("work.integration.>").forEach(e -> out.println("  " + e.text()));
            out.println("dead letters of roy:");
            kit.deadLetters("roy").forEach(e -> out.println("  " + e.text() + "  reason: "
                    + e.header("Agentkit-Dead-Reason").orElse("?")));
            return reports;
        }
    }
}
