package dev.agentkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentkit.core.internal.message.Json;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints a command's result on stdout: as text for people, or with {@code --json} as one JSON
 * document for scripts (logs go to stderr, so stdout stays parseable). Shared by the commands.
 */
public final class Printer {
    private final PrintWriter out;
    private final boolean json;

    public Printer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** A line of text; nothing under {@code --json}. */
    public void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** {@code value} as JSON under {@code --json}, else the lines of {@code text}. */
    public void result(Object value, List<String> text) {
        if (json) {
            try {
                out.println(Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the result as JSON", e);
            }
        } else {
            text.forEach(out::println);
        }
        out.flush();
    }

    /** One event of a long-running command: {@code value} as one JSON line under {@code --json}, else {@code text}. */
    public void event(Object value, String text) {
        if (json) {
            try {
                out.println(Json.mapper().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the event as JSON", e);
            }
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** A table with a header row, columns padded to their widest cell. */
    public static List<String> table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (List<String> r : concat(header, rows)) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        return concat(header, rows).stream().map(r -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                sb.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (width[i] + 2) + "s", r.get(i)));
            }
            return sb.toString().stripTrailing();
        }).toList();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
