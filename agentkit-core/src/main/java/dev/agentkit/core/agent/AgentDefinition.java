package dev.agentkit.core.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A specialist agent as its character sheet describes it: name, character, the paths it owns
 * and must not modify, its tools, the channels it reads and writes, how it works and what it
 * refuses. Immutable; made by {@link #parse(Path)} or {@link #parse(String, String)}.
 *
 * <p>Used by agent classes to render their {@link #systemPrompt()} for a language model or a
 * coding-agent CLI, and by {@link Scope#of(AgentDefinition, Path)} to check their writes.
 *
 * <p>The sheet is markdown: a title {@code # Agent: Roy}, then {@code ##} sections. Required:
 * Character, Scope, Tools Available, Interfaces (with {@code ### Input} and {@code ### Output}),
 * What I Refuse To Do; optional: Working Style. Other sections are kept, in order, in
 * {@link #otherSections()}. Scope holds the lines {@code You own all code in:} and
 * {@code You do NOT modify:}, each followed by a list of workspace-relative paths.
 *
 * <p>Headings and those two lines are matched as whole phrases, in any case, with runs of spaces,
 * a trailing colon and markdown emphasis around them ignored. Besides the two above, Scope
 * accepts {@code You own:} for the owned list and {@code You don't modify:}, {@code Do not modify:},
 * {@code Don't modify:}, {@code You must not modify:} and {@code You may not modify:} for the
 * denied one; any other line there is an error, so a line such as
 * {@code Hands off, these are owned by Jen:} is refused, never read as a list of owned paths.
 *
 * @param source        the file or source name it was parsed from (for messages)
 * @param name          the agent's name from the title, e.g. {@code Roy}
 * @param character     the Character section's text
 * @param owned         the paths it owns; never empty
 * @param denied        the paths it must not modify; these win over owned ones
 * @param tools         the Tools Available items
 * @param inputs        the Interfaces / Input items
 * @param outputs       the Interfaces / Output items
 * @param workingStyle  the Working Style steps, possibly empty
 * @param refusals      the What I Refuse To Do items
 * @param otherSections the sections the parser does not interpret, in file order
 */
public record AgentDefinition(String source, String name, String character, List<ScopeEntry> owned,
                              List<ScopeEntry> denied, List<String> tools, List<String> inputs,
                              List<String> outputs, List<String> workingStyle, List<String> refusals,
                              List<SheetSection> otherSections) {

    public AgentDefinition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(character, "character");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("agent name must not be blank in " + source);
        }
        owned = List.copyOf(owned);
        if (owned.isEmpty()) {
            throw new IllegalArgumentException("agent " + name + " in " + source + " owns no paths");
        }
        denied = List.copyOf(denied);
        tools = List.copyOf(tools);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        workingStyle = List.copyOf(workingStyle);
        refusals = List.copyOf(refusals);
        otherSections = List.copyOf(otherSections);
    }

    /**
     * Parses the character sheet in {@code file} (UTF-8).
     *
     * @throws CharacterSheetException naming the file and line of a missing or malformed part
     * @throws UncheckedIOException    if the file cannot be read
     */
    public static AgentDefinition parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read character sheet " + file, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a character sheet held in memory; {@code sourceName} stands for the file in messages.
     *
     * @throws CharacterSheetException naming the source and line of a missing or malformed part
     */
    public static AgentDefinition parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        return new CharacterSheetParser(Objects.requireNonNull(sourceName, "sourceName")).parse(text);
    }

    /**
     * Everything in the sheet as one system prompt: an opening that says who the agent is, then
     * each section, known ones in the canonical order and the others after them in file order.
     */
    public String systemPrompt() {
        return PromptRenderer.render(this);
    }
}
