package dev.agentkit.core.agent;

import java.util.List;

/** Renders an {@link AgentDefinition} as one system prompt; see {@link AgentDefinition#systemPrompt()}. */
final class PromptRenderer {
    private final StringBuilder out = new StringBuilder();

    private PromptRenderer() {
    }

    static String render(AgentDefinition d) {
        PromptRenderer r = new PromptRenderer();
        r.out.append("You are ").append(d.name())
                .append(", one of a team of specialist agents sharing one repository. ")
                .append("Your character sheet below is binding: stay in your scope, use your tools, ")
                .append("talk through your interfaces.\n\n");
        r.out.append("# Agent: ").append(d.name()).append("\n");
        r.section("Character").out.append(d.character()).append("\n");
        r.section("Scope").out.append("You own all code in:\n");
        r.bullets(d.owned());
        if (!d.denied().isEmpty()) {
            r.out.append("You do NOT modify:\n");
            r.bullets(d.denied());
        }
        r.out.append("Writes outside the paths you own are refused, and every commit is checked against this scope.\n");
        r.section("Tools Available").bullets(d.tools());
        r.section("Interfaces").out.append("### Input\n");
        r.bullets(d.inputs());
        r.out.append("### Output\n");
        r.bullets(d.outputs());
        if (!d.workingStyle().isEmpty()) {
            r.section("Working Style");
            for (int i = 0; i < d.workingStyle().size(); i++) {
                r.out.append(i + 1).append(". ").append(d.workingStyle().get(i)).append("\n");
            }
        }
        r.section("What I Refuse To Do").bullets(d.refusals());
        for (SheetSection s : d.otherSections()) {
            r.section(s.title());
            if (!s.body().isEmpty()) {
                r.out.append(s.body()).append("\n");
            }
        }
        return r.out.toString();
    }

    private PromptRenderer section(String title) {
        out.append("\n## ").append(title).append("\n");
        return this;
    }

    private PromptRenderer bullets(List<?> items) {
        for (Object item : items) {
            out.append("- ").append(item).append("\n");
        }
        return this;
    }
}
