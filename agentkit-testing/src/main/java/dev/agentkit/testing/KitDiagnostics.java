package dev.agentkit.testing;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.testing.broker.InMemoryBroker;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@link AgentTestKit#diagnostics()}: the broker's journal by kind of event, each
 * consumer's pending work, and the chat's rooms, the newest {@value #SHOWN} entries of each
 * section. Reads only journals and snapshots, so it meets no scripted fault.
 */
final class KitDiagnostics {
    static final int SHOWN = 50;

    private final StringBuilder out = new StringBuilder();

    private KitDiagnostics() {
    }

    static String render(AgentTestKit kit) {
        KitDiagnostics d = new KitDiagnostics();
        d.out.append("AgentTestKit at ").append(kit.clock().now()).append(" (virtual time)\n");
        if (kit.faults().isDown()) {
            d.out.append("the broker is down (kit.faults().goDown())\n");
        }
        d.broker(kit.broker());
        d.chat(kit.chat());
        return d.out.toString();
    }

    private void broker(InMemoryBroker broker) {
        List<InMemoryBroker.Published> published = broker.published();
        section("published", published, p -> p.subject() + "  " + id(p.envelope()) + "  " + PayloadSize.of(p.envelope())
                + " B" + (p.result().duplicate() ? "  (duplicate, dropped)" : ""));
        List<InMemoryBroker.Settlement> settled = broker.settlements();
        section("acked", of(settled, InMemoryBroker.Action.ACK), KitDiagnostics::settlement);
        section("nak'd", of(settled, InMemoryBroker.Action.NAK), s -> settlement(s) + ", delay " + brief(s.delay()));
        section("terminated", of(settled, InMemoryBroker.Action.TERM), KitDiagnostics::settlement);
        section("dead-lettered", published.stream().filter(p -> p.envelope().header(Headers.DEAD_REASON).isPresent())
                .toList(), p -> p.subject() + "  " + p.envelope().header(Headers.ORIGINAL_ID).orElse(id(p.envelope()))
                + "  " + p.envelope().header(Headers.DEAD_REASON).orElse(""));
        out.append("pending:\n");
        for (Map.Entry<ConsumerRef, ConsumerStatus> e : broker.consumerStatuses().entrySet()) {
            out.append("  ").append(e.getKey()).append("  ").append(e.getValue().pending()).append(" undelivered, ")
                    .append(e.getValue().ackPending()).append(" awaiting ack\n");
        }
    }

    private void chat(InMemoryChat chat) {
        List<String> rooms = chat.rooms();
        out.append("chat (").append(rooms.size()).append(rooms.size() == 1 ? " room" : " rooms").append("):\n");
        for (String room : rooms) {
            List<InMemoryChat.Posted> messages = chat.messages(room);
            out.append("  #").append(room).append(" (").append(messages.size()).append("):\n");
            lines(messages, p -> "    " + p.sender() + (chat.isAgent(p.sender()) ? " (agent)"
                    : chat.isAllowListed(p.sender()) ? " (allow-listed)" : "") + ": " + p.text());
        }
    }

    private <T> void section(String title, List<T> entries, Function<T, String> line) {
        out.append(title).append(" (").append(entries.size()).append(")").append(entries.isEmpty() ? "\n" : ":\n");
        lines(entries, e -> "  " + line.apply(e));
    }

    private <T> void lines(List<T> entries, Function<T, String> line) {
        int from = Math.max(0, entries.size() - SHOWN);
        if (from > 0) {
            out.append("  ... ").append(from).append(" earlier\n");
        }
        entries.subList(from, entries.size()).forEach(e -> out.append(line.apply(e)).append('\n'));
    }

    private static List<InMemoryBroker.Settlement> of(List<InMemoryBroker.Settlement> all, InMemoryBroker.Action action) {
        return all.stream().filter(s -> s.action() == action).toList();
    }

    private static String settlement(InMemoryBroker.Settlement s) {
        return s.stream() + "/" + s.durable() + "  " + id(s.envelope()) + "  " + s.subject() + " #" + s.sequence()
                + ", delivery " + s.deliveryCount();
    }

    private static String id(Envelope e) {
        return e.id().or(() -> e.header(Headers.MESSAGE_ID)).orElse("-");
    }

    private static String brief(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
