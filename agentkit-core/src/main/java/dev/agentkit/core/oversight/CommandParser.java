package dev.agentkit.core.oversight;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The grammar behind {@link Command#parse}. */
final class CommandParser {
    private static final String AGENT = "(@?[a-z0-9][a-z0-9_-]*(?::\\S+)?)";
    private static final Pattern ITEM = Pattern.compile("(?i)(retry|skip) (\\S+)");
    private static final Pattern APPROVE = Pattern.compile("(?i)approve (\\S+)");
    private static final Pattern DENY = Pattern.compile("(?i)deny (\\S+)(?: (.+))?");
    private static final Pattern ANSWER = Pattern.compile("(?i)answer (\\S+) (.+)");
    private static final Pattern REASSIGN = Pattern.compile("(?i)reassign (\\S+) to " + AGENT);
    private static final Pattern CONTROL = Pattern.compile("(?i)(pause|resume|turn now|turn-now|status)(?: " + AGENT + ")?");

    private CommandParser() {
    }

    static Optional<Command> parse(String text, String addressee) {
        String t = text.strip().replaceAll("\\s+", " ");
        Matcher m = ITEM.matcher(t);
        if (m.matches()) {
            boolean retry = m.group(1).equalsIgnoreCase("retry");
            return Optional.of(retry ? new Command.Retry(m.group(2)) : new Command.Skip(m.group(2)));
        }
        Optional<Command> decision = decision(t);
        if (decision.isPresent()) {
            return decision;
        }
        m = REASSIGN.matcher(t);
        if (m.matches()) {
            return Optional.of(new Command.Reassign(m.group(1), agent(m.group(2))));
        }
        m = CONTROL.matcher(t);
        if (m.matches()) {
            String verb = m.group(1).toLowerCase(Locale.ROOT).replace('-', ' ');
            String agent = m.group(2) != null ? agent(m.group(2)) : addressee;
            if (verb.equals("status")) {
                return Optional.of(new Command.Status(agent));
            }
            if (agent == null) {
                return Optional.empty();
            }
            return Optional.of(switch (verb) {
                case "pause" -> new Command.Pause(agent);
                case "resume" -> new Command.Resume(agent);
                default -> new Command.TurnNow(agent);
            });
        }
        return t.equalsIgnoreCase("help") ? Optional.of(new Command.Help()) : Optional.empty();
    }

    private static Optional<Command> decision(String t) {
        Matcher m = APPROVE.matcher(t);
        if (m.matches()) {
            return Optional.of(new Command.Approve(m.group(1)));
        }
        m = DENY.matcher(t);
        if (m.matches()) {
            return Optional.of(new Command.Deny(m.group(1), m.group(2) == null ? "" : m.group(2)));
        }
        m = ANSWER.matcher(t);
        return m.matches() ? Optional.of(new Command.Answer(m.group(1), m.group(2))) : Optional.empty();
    }

    /** {@code @Roy:example.org} → {@code roy}. */
    private static String agent(String token) {
        String a = token.startsWith("@") ? token.substring(1) : token;
        int colon = a.indexOf(':');
        return (colon < 0 ? a : a.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
