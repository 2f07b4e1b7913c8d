package dev.agentkit.examples.demo;

import dev.agentkit.core.message.Headers;
import dev.agentkit.core.turn.TurnReport;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Prints the team story: one line per turn as it happens, then the rooms and a summary table. */
final class StoryPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private final PrintStream out;

    StoryPrinter(PrintStream out) {
        this.out = out;
    }

    void turn(TurnReport r) {
        if (r.idle()) {
            out.printf("%s  %-4s  idle turn (%d ms)%n", time(r.startedAt()), r.agent(), r.duration().toMillis());
            return;
        }
        out.printf("%s  %-4s  pulled %d: %d done, %d retried, %d dead-lettered; %d direct, %d announcements, "
                        + "%d human messages%n", time(r.startedAt()), r.agent(), r.pulled(), r.done(), r.retried(),
                r.deadLettered(), r.directMessages(), r.coordination(), r.humanMessages());
    }

    void result(StoryResult s, List<String> commits) {
        out.println();
        out.println("== the roadmap, drained before the first turn");
        s.drained().placements().forEach(p -> out.println("    " + p.summary()));
        out.println("== chat rooms");
        s.rooms().forEach((room, lines) -> {
            out.println("#" + room);
            lines.forEach(l -> out.println("    " + l));
        });
        out.println("== announcements on work.integration");
        s.integration().forEach(e -> out.println("    " + e.header(Headers.SENDER).orElse("?") + ": " + e.text()));
        out.println("== dead letters");
        s.deadLetters().forEach(e -> out.println("    " + e.header(Headers.ORIGINAL_ID).orElse("?") + " from "
                + e.header(Headers.DEAD_AGENT).orElse("?") + " after " + e.header(Headers.DELIVERY_COUNT).orElse("?")
                + " deliveries: " + e.header(Headers.DEAD_REASON).orElse("?")));
        out.println("== commits in the workspace");
        commits.forEach(c -> out.println("    " + c));
        out.println("== summary");
        out.printf("| %-5s | %5s | %6s | %4s | %7s | %12s | %6s | %5s |%n", "agent", "turns", "pulled", "done",
                "retried", "dead-letters", "direct", "human");
        out.println("|-------|-------|--------|------|---------|--------------|--------|-------|");
        for (String agent : List.of("roy", "jen", "moss")) {
            out.printf("| %-5s | %5d | %6d | %4d | %7d | %12d | %6d | %5d |%n", agent,
                    s.turns().stream().filter(t -> t.agent().equals(agent)).count(),
                    s.total(agent, TurnReport::pulled), s.total(agent, TurnReport::done),
                    s.total(agent, TurnReport::retried), s.total(agent, TurnReport::deadLettered),
                    s.total(agent, TurnReport::directMessages), s.total(agent, TurnReport::humanMessages));
        }
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }
}
