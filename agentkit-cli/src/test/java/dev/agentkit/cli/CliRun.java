package dev.agentkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the {@code agentkit} command in-process (picocli's {@code execute}) in a team directory, for tests. */
record CliRun(int exit, String out, String err) {

    static CliRun in(Path teamDir, String natsUrl, String... args) {
        return in(teamDir, natsUrl, Map.of(), args);
    }

    /** As {@link #in(Path, String, String...)}, with {@code extraEnv} added to the process's environment. */
    static CliRun in(Path teamDir, String natsUrl, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("NATS_URL");
        env.putAll(extraEnv);
        var cl = AgentkitCommand.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (teamDir != null && all.size() > 0 && !all.get(0).equals("init") && !all.get(0).equals("demo")) {
            all.add(1, "--file");
            all.add(2, teamDir.resolve("agentkit.yaml").toString());
            if (natsUrl != null) {
                all.add(3, "--server");
                all.add(4, natsUrl);
            }
        }
        int exit = cl.execute(all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    JsonNode json() {
        return Json.tryRead(out.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("not JSON: " + out + "\nstderr: " + err));
    }

    CliRun ok() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
        }
        return this;
    }
}
