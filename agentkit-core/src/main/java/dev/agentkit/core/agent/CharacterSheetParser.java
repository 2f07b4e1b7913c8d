package dev.agentkit.core.agent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a character-sheet markdown text into an {@link AgentDefinition}; see that class for the
 * format. Strict where the structure matters (lists, scope, interfaces), so a mistake in a sheet
 * fails with its line instead of silently dropping a rule. Headings, and the lines that open the
 * owned and the denied list in {@code ## Scope}, are matched as whole phrases (see
 * {@link #phrase(String)}), never by a word they contain. Any text either parses or fails with a
 * {@link CharacterSheetException}; quoted text in its message is cut to {@value #QUOTE_MAX}
 * characters.
 */
final class CharacterSheetParser {
    private static final Pattern TITLE = Pattern.compile("#\\s+Agent:(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile("\\s*(?:[-*+]|\\d+[.)])\\s+(.*)", Pattern.DOTALL);
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> OWNED = Set.of("you own all code in", "you own");
    private static final Set<String> DENIED = Set.of("you do not modify", "you don't modify", "do not modify",
            "don't modify", "you must not modify", "you may not modify");
    private static final int QUOTE_MAX = 200;

    /** The sections the parser interprets. */
    private enum Known {
        CHARACTER("Character", true),
        SCOPE("Scope", true),
        TOOLS("Tools Available", true),
        INTERFACES("Interfaces", true),
        WORKING_STYLE("Working Style", false),
        REFUSALS("What I Refuse To Do", true);

        final String title;
        final boolean required;

        Known(String title, boolean required) {
            this.title = title;
            this.required = required;
        }

        static Known of(String title) {
            String phrase = phrase(title);
            for (Known k : values()) {
                if (k.title.toLowerCase(Locale.ROOT).equals(phrase)) {
                    return k;
                }
            }
            return null;
        }
    }

    private record Line(int number, String text) {
        boolean blank() {
            return text.isBlank();
        }
    }

    private record Section(String title, int line, List<Line> body) {
    }

    private final String source;

    CharacterSheetParser(String source) {
        this.source = source;
    }

    AgentDefinition parse(String text) {
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i == lines.size()) {
            throw error(1, "the sheet is empty; expected the title '# Agent: <name>'");
        }
        Matcher title = TITLE.matcher(lines.get(i).strip());
        if (!title.matches()) {
            throw error(i + 1, "expected the title '# Agent: <name>', found " + quote(lines.get(i)));
        }
        String name = title.group(1).strip();
        if (name.isEmpty()) {
            throw error(i + 1, "the agent's name is empty in " + quote(lines.get(i)));
        }
        int titleLine = i + 1;
        Map<Known, Section> known = new EnumMap<>(Known.class);
        List<SheetSection> others = new ArrayList<>();
        for (Section s : sections(lines, i + 1)) {
            Known k = Known.of(s.title());
            if (k == null) {
                others.add(new SheetSection(s.title(), text(s.body())));
            } else if (known.containsKey(k)) {
                throw error(s.line(), "a second '## " + k.title + "' section; the first is at line "
                        + known.get(k).line());
            } else {
                known.put(k, s);
            }
        }
        for (Known k : Known.values()) {
            if (k.required && !known.containsKey(k)) {
                throw error(titleLine, "agent " + name + " has no '## " + k.title + "' section, which is required");
            }
        }
        Section character = known.get(Known.CHARACTER);
        String characterText = text(character.body());
        if (characterText.isEmpty()) {
            throw error(character.line(), "the '## Character' section is empty");
        }
        List<List<ScopeEntry>> scope = scope(known.get(Known.SCOPE));
        List<List<String>> io = interfaces(known.get(Known.INTERFACES));
        Section style = known.get(Known.WORKING_STYLE);
        return new AgentDefinition(source, name, characterText, scope.get(0), scope.get(1),
                items(known.get(Known.TOOLS)), io.get(0), io.get(1),
                style == null ? List.of() : items(style), items(known.get(Known.REFUSALS)), others);
    }

    private List<Section> sections(List<String> lines, int from) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        boolean fenced = false;
        for (int i = from; i < lines.size(); i++) {
            String text = lines.get(i);
            Optional<String> heading = heading("##", text);
            if (!fenced && !text.startsWith(" ") && heading.isPresent()) {
                current = new Section(heading.get(), i + 1, new ArrayList<>());
                sections.add(current);
                continue;
            }
            if (text.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (current != null) {
                current.body().add(new Line(i + 1, text));
            } else if (!text.isBlank()) {
                throw error(i + 1, "text before the first '## ' section: " + quote(text));
            }
        }
        return sections;
    }

    /** The owned entries, then the denied ones. */
    private List<List<ScopeEntry>> scope(Section s) {
        List<ScopeEntry> owned = new ArrayList<>();
        List<ScopeEntry> denied = new ArrayList<>();
        List<ScopeEntry> current = null;
        for (Line line : s.body()) {
            Matcher item = ITEM.matcher(line.text());
            String phrase = phrase(line.text());
            if (line.blank()) {
                continue;
            } else if (item.matches()) {
                if (current == null) {
                    throw error(line.number(), "a path before 'You own all code in:' or 'You do NOT modify:'");
                }
                current.add(scopeEntry(line, item.group(1)));
            } else if (DENIED.contains(phrase)) {
                current = denied;
            } else if (OWNED.contains(phrase)) {
                current = owned;
            } else {
                throw error(line.number(), "'## Scope' takes 'You own all code in:' and 'You do NOT modify:',"
                        + " each followed by a list of paths; found " + quote(line.text()));
            }
        }
        if (owned.isEmpty()) {
            throw error(s.line(), "'## Scope' owns no paths; add 'You own all code in:' and a list of paths");
        }
        return List.of(owned, denied);
    }

    /** The input items, then the output items. */
    private List<List<String>> interfaces(Section s) {
        Map<String, Section> subsections = new LinkedHashMap<>();
        Section current = null;
        for (Line line : s.body()) {
            Optional<String> sub = heading("###", line.text());
            if (sub.isPresent()) {
                String title = sub.get();
                String key = phrase(title);
                if (!key.equals("input") && !key.equals("output")) {
                    throw error(line.number(), "'## Interfaces' takes '### Input' and '### Output', found '### "
                            + title + "'");
                }
                current = new Section("Interfaces / " + title, line.number(), new ArrayList<>());
                if (subsections.putIfAbsent(key, current) != null) {
                    throw error(line.number(), "a second '### " + title + "' in '## Interfaces'");
                }
            } else if (current != null) {
                current.body().add(line);
            } else if (!line.blank()) {
                throw error(line.number(), "text in '## Interfaces' before '### Input': " + quote(line.text()));
            }
        }
        for (String key : List.of("input", "output")) {
            if (!subsections.containsKey(key)) {
                throw error(s.line(), "'## Interfaces' has no '### " + (key.equals("input") ? "Input" : "Output") + "'");
            }
        }
        return List.of(items(subsections.get("input")), items(subsections.get("output")));
    }

    /** The list items of a section; indented lines continue the item above. */
    private List<String> items(Section s) {
        List<String> items = new ArrayList<>();
        for (Line line : s.body()) {
            Matcher item = ITEM.matcher(line.text());
            if (line.blank()) {
                continue;
            }
            if (item.matches()) {
                items.add(item.group(1).strip());
            } else if (!items.isEmpty() && Character.isWhitespace(line.text().charAt(0))) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.text().strip());
            } else {
                throw error(line.number(), "expected a list item ('- ...') in '" + s.title() + "', found "
                        + quote(line.text()));
            }
        }
        if (items.isEmpty()) {
            throw error(s.line(), "'" + s.title() + "' lists nothing");
        }
        return items;
    }

    private ScopeEntry scopeEntry(Line line, String item) {
        return ScopeEntry.parse(item).orElseThrow(() -> error(line.number(),
                "a list item in '## Scope' names no path: " + quote(line.text())));
    }

    /**
     * The title of a markdown heading of exactly {@code marks} (e.g. {@code ##}) followed by
     * whitespace and a non-blank title; empty for any other line.
     */
    private static Optional<String> heading(String marks, String line) {
        String s = line.strip();
        if (!s.startsWith(marks) || s.length() == marks.length() || !Character.isWhitespace(s.charAt(marks.length()))) {
            return Optional.empty();
        }
        String title = s.substring(marks.length()).strip();
        return title.isEmpty() ? Optional.empty() : Optional.of(title);
    }

    /**
     * A heading as the phrase it says: lower case, runs of whitespace as one space, typographic
     * apostrophes as {@code '}, without a trailing colon or markdown emphasis around it. So
     * {@code **You don’t  modify:**} is the phrase {@code you don't modify}.
     */
    static String phrase(String heading) {
        String s = SPACES.matcher(heading.replace('\u2019', '\'').replace('\u2018', '\'')).replaceAll(" ").strip();
        String before;
        do {
            before = s;
            if (s.endsWith(":")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            for (String mark : List.of("**", "__", "*", "_")) {
                if (s.length() >= 2 * mark.length() && s.startsWith(mark) && s.endsWith(mark)) {
                    s = s.substring(mark.length(), s.length() - mark.length()).strip();
                    break;
                }
            }
        } while (!s.equals(before));
        return s.toLowerCase(Locale.ROOT);
    }

    private static String quote(String text) {
        String s = text.strip();
        return "'" + (s.length() <= QUOTE_MAX ? s : s.substring(0, QUOTE_MAX) + "...") + "'";
    }

    private static String text(List<Line> body) {
        StringBuilder sb = new StringBuilder();
        for (Line line : body) {
            sb.append(line.text().stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }

    private CharacterSheetException error(int line, String problem) {
        return new CharacterSheetException(source, line, problem);
    }
}
