package dev.agentkit.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.agent.Scope;
import dev.agentkit.core.agent.ScopeDecision;
import dev.agentkit.core.agent.ScopeEntry;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.core.workspace.GitWorkspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent made of a character sheet and a worker command: for each work item it runs the
 * command (a coding-agent CLI such as {@code claude -p}, or a script) in the agent's git
 * workspace, with the sheet's rendered system prompt and the item as input (see
 * {@code CommandWorker} for the files and variables it gets, plus {@code AGENTKIT_AGENT},
 * {@code AGENTKIT_ROLE}, {@code AGENTKIT_OWNED_PATHS} and {@code AGENTKIT_OUTCOME_FILE}).
 * When the command succeeds, the files it changed are checked against the sheet's {@link Scope}:
 * if any is outside, nothing is committed and the item is rejected (dead-lettered with the
 * refused paths; the changes stay in the workspace for a human); otherwise they are committed as
 * {@code REQ-nnn: <title>} and the agent announces {@code work.integration.<event>} with the
 * requirement, title, commit and files, before the item is acked.
 *
 * <p>The outcome is the command's: exit 0 is done, another exit code or a timeout is a retry
 * with the tail of its output, and a {@link WorkerReport} written to
 * {@code AGENTKIT_OUTCOME_FILE} can say blocked, reject or retry instead, and report usage.
 * The item's title is the body's {@code title}, else its {@code statement} (what the
 * {@code QueueDrainer} publishes); an item with neither is rejected.
 *
 * <p>Like any {@link TurnBasedAgent} it reads its chat and direct messages: humans and agents
 * who ask get the items it has done; the team's announcements it reads are kept (the last
 * {@value #NEWS_KEPT}) and added to the prompt of its next items. Changes present in the
 * workspace before the command ran are not the item's and are left alone; agents sharing a
 * workspace must not run turns at the same time (the {@code agentkit up} scheduler runs one
 * turn at a time). Used by the {@code agentkit} command and by Java code wiring its own team.
 */
public final class WorkerAgent extends TurnBasedAgent {
    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);
    static final int NEWS_KEPT = 10;
    private static final String NEWS_KEY = "worker.news";
    private static final String DONE_PREFIX = "worker.done.";
    private static final int NEWS_TEXT = 600;

    private final AgentDefinition sheet;
    private final Scope scope;
    private final GitWorkspace git;
    private final WorkerSettings settings;

    /**
     * An agent with {@code config} (name, role, room, budgets) on {@code runtime}, described by
     * {@code sheet}, running the worker of {@code settings}. The workspace must be the top of a
     * git checkout.
     */
    public WorkerAgent(AgentConfig config, AgentRuntime runtime, AgentDefinition sheet, WorkerSettings settings) {
        super(config, runtime);
        this.sheet = sheet;
        this.settings = settings;
        this.scope = Scope.of(sheet, settings.workspace());
        this.git = new GitWorkspace(scope);
    }

    /** The character sheet this agent follows. */
    public AgentDefinition sheet() {
        return sheet;
    }

    /** The event this agent announces when an item is done. */
    public String announces() {
        return settings.announceFor(config().role());
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        JsonNode body = item.json();
        String title = firstLine(text(body, "title").or(() -> text(body, "statement")).orElse(""));
        String id = text(body, "id").orElse(item.id());
        if (title.isBlank()) {
            return Outcome.reject("a requirement needs a title (or a statement)");
        }
        try {
            GitWorkspace.message(id, title);
        } catch (IllegalArgumentException e) {
            return Outcome.reject(e.getMessage());
        }
        List<String> before = git.changedPaths();
        if (!before.isEmpty()) {
            log.warn("{}: the workspace has changes from before {} ({}); they are left alone", config().name(), id, before);
        }
        WorkerRun.Result run = WorkerRun.run(settings, environment(), item, prompt());
        run.report().filter(WorkerReport::hasUsage).ifPresent(r -> reportUsage(r.tokensIn(), r.tokensOut(), r.cost()));
        Outcome outcome = run.report().map(r -> r.decide(run.byExit(), settings.retryDelay())).orElse(run.byExit());
        if (!(outcome instanceof Outcome.Done)) {
            return outcome;
        }
        List<String> changed = new ArrayList<>(git.changedPaths());
        changed.removeAll(before);
        List<ScopeDecision> refused = changed.stream().map(scope::check).filter(d -> !d.allowed()).toList();
        if (!refused.isEmpty()) {
            return Outcome.reject(config().name() + "'s worker changed files outside its scope, so nothing was committed: "
                    + refused.stream().map(ScopeDecision::toString).collect(Collectors.joining("; ")));
        }
        Optional<String> commit = changed.isEmpty() ? Optional.empty() : git.commit(id, title, changed);
        if (commit.isEmpty()) {
            log.warn("{}: the worker changed nothing for {}; done without a commit", config().name(), id);
        }
        Map<String, Object> news = new LinkedHashMap<>();
        news.put("type", announces());
        news.put("requirement", id);
        news.put("title", title);
        news.put("agent", config().name());
        commit.ifPresent(c -> news.put("commit", c));
        news.put("files", changed);
        announce(announces(), news);
        state().put(DONE_PREFIX + id, commit.map(c -> c.substring(0, Math.min(12, c.length()))).orElse("no change"));
        return Outcome.done();
    }

    @Override
    protected void onCoordination(String subject, Envelope message) {
        List<Map<String, String>> news = readNews();
        String text = message.text();
        news.add(Map.of("subject", subject, "text", text.length() > NEWS_TEXT ? text.substring(0, NEWS_TEXT) + "..." : text));
        state().putJson(NEWS_KEY, news.subList(Math.max(0, news.size() - NEWS_KEPT), news.size()));
    }

    @Override
    protected Optional<String> onHumanMessage(ChatMessage message) {
        return Optional.of(doneSoFar());
    }

    @Override
    protected Optional<String> onQuestion(DirectMessage question) {
        return Optional.of(doneSoFar() + " I announce finished work on work.integration." + announces() + ".");
    }

    private String doneSoFar() {
        List<String> done = state().keys().stream().filter(k -> k.startsWith(DONE_PREFIX)).sorted()
                .map(k -> k.substring(DONE_PREFIX.length()) + " (" + state().get(k).orElse("") + ")").toList();
        return done.isEmpty() ? "nothing done yet; I take work from " + runtime().topology().requirementSubject(config().role()) + "."
                : "done so far: " + String.join(", ", done) + ".";
    }

    /** The sheet's prompt, how to report back, and what the team announced lately. */
    private String prompt() {
        StringBuilder sb = new StringBuilder(sheet.systemPrompt());
        sb.append("\n## Reporting back\n")
                .append("Make your changes in the current directory, inside the paths you own; agentkit commits them")
                .append(" when you exit with status 0. If you cannot do the work, write {\"outcome\": \"blocked\"")
                .append(" or \"reject\", \"reason\": \"...\"} to the file named by $AGENTKIT_OUTCOME_FILE.\n");
        List<Map<String, String>> news = readNews();
        if (!news.isEmpty()) {
            sb.append("\n## What the team announced lately\n");
            news.forEach(n -> sb.append("- ").append(n.get("subject")).append(": ").append(n.get("text")).append('\n'));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> readNews() {
        return new ArrayList<>(state().getJson(NEWS_KEY, List.class).orElse(List.of()));
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTKIT_AGENT", config().name());
        env.put("AGENTKIT_ROLE", config().role());
        env.put("AGENTKIT_OWNED_PATHS", sheet.owned().stream().map(ScopeEntry::path)
                .map(p -> p.replaceFirst("^/+", "")).collect(Collectors.joining(":")));
        return env;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isValueNode() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
