package dev.agentkit.core.workspace;

import dev.agentkit.core.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a process's output on its own thread, redacts each line, logs it at DEBUG as it comes,
 * and keeps only the last lines (each cut to a maximum length), so a chatty or endless command
 * costs bounded memory. A line is read a secret's length past the cut, so a secret the cut would
 * split is still redacted whole. Used by {@link CommandWorker}.
 */
final class OutputTail {
    private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);
    private static final int MAX_LINE = 2_000;

    private final Deque<String> tail = new ArrayDeque<>();
    private final int keep;
    private final String label;
    private final Redactor redactor;
    private final int readMax;
    private final Thread thread;

    private OutputTail(InputStream in, int keep, String label, Redactor redactor) {
        this.keep = keep;
        this.label = label;
        this.redactor = redactor;
        this.readMax = MAX_LINE + redactor.lookahead();
        this.thread = new Thread(() -> pump(in), "agentkit-output-" + label);
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code in}; log lines are prefixed with {@code label}, secrets replaced. */
    static OutputTail start(InputStream in, int keep, String label, Redactor redactor) {
        OutputTail t = new OutputTail(in, keep, label, redactor);
        t.thread.start();
        return t;
    }

    /** Waits up to {@code millis} for the output to end; whether it did. */
    boolean awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** The kept last lines, joined by newlines. */
    synchronized String text() {
        return String.join("\n", tail);
    }

    private void pump(InputStream in) {
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line, cut);
                        cut = false;
                    } else if (c != '\r' && line.length() < readMax) {
                        line.append(c);
                    } else if (c != '\r') {
                        cut = true;
                    }
                }
            }
        } catch (IOException e) {
            log.debug("[{}] output closed: {}", label, e.toString());
        }
        if (line.length() > 0) {
            emit(line, cut);
        }
    }

    private void emit(StringBuilder line, boolean cut) {
        String redacted = redactor.redact(line, MAX_LINE);
        String text = cut || line.length() > MAX_LINE ? redacted + " [line cut]" : redacted;
        line.setLength(0);
        log.debug("[{}] {}", label, text);
        synchronized (this) {
            if (tail.size() == keep) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
    }
}
