package dev.agentkit.routing.roadmap;

import dev.agentkit.core.routing.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one line of a roadmap into what it is for {@link RoadmapSource}: not a checklist item
 * (ignored), a pending or done item, or a checklist item that is malformed and why.
 */
sealed interface ChecklistLine {
    Pattern ITEM = Pattern.compile("^\\s*[-*+]\\s+\\[([^\\]]?)\\](.*)$", Pattern.DOTALL);
    Pattern ID = Pattern.compile("^REQ-\\d{3,}$");
    Pattern ID_LIKE = Pattern.compile("^((?i:req)\\S*?)(:|\\s|$)");
    Pattern TAG = Pattern.compile("(?<=^|\\s)#([A-Za-z0-9][A-Za-z0-9_/.-]*)(?=\\s|$)");

    /** Not a checklist item: a heading, prose, a plain bullet or a blank line. */
    record Ignored() implements ChecklistLine {
    }

    /** A well-formed item; {@code done} when its box is ticked. */
    record Item(Requirement requirement, boolean done) implements ChecklistLine {
    }

    /** A checklist item that cannot be read. */
    record Malformed(String message) implements ChecklistLine {
    }

    static ChecklistLine parse(String line) {
        Matcher m = ITEM.matcher(line);
        if (!m.matches()) {
            return new Ignored();
        }
        String box = m.group(1);
        boolean done = box.equalsIgnoreCase("x");
        if (!done && !box.equals(" ")) {
            return new Malformed("checkbox must be [ ] or [x], was [" + box + "]");
        }
        String rest = m.group(2).strip();
        Matcher id = ID_LIKE.matcher(rest);
        if (!id.find()) {
            return new Malformed("checklist item has no REQ-nnn id (expected '- [ ] REQ-001: statement')");
        }
        String requirementId = id.group(1);
        if (!ID.matcher(requirementId).matches()) {
            return new Malformed("id '" + requirementId + "' is not REQ- followed by at least 3 digits");
        }
        if (!id.group(2).equals(":")) {
            return new Malformed("expected ':' after " + requirementId);
        }
        return body(requirementId, rest.substring(id.end()), done);
    }

    private static ChecklistLine body(String id, String text, boolean done) {
        List<String> files = new ArrayList<>();
        StringBuilder outside = new StringBuilder();
        int at = 0;
        while (true) {
            int open = text.indexOf('`', at);
            if (open < 0) {
                outside.append(text.substring(at));
                break;
            }
            int close = text.indexOf('`', open + 1);
            if (close < 0) {
                return new Malformed(id + " has an unclosed ` (files go in backticks: `src/api/login.py`)");
            }
            String file = text.substring(open + 1, close).strip();
            if (file.isEmpty()) {
                return new Malformed(id + " has an empty file name in backticks");
            }
            files.add(file);
            outside.append(text, at, open).append(' ');
            at = close + 1;
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher tag = TAG.matcher(outside);
        while (tag.find()) {
            tags.add(tag.group(1).toLowerCase(Locale.ROOT));
        }
        String statement = TAG.matcher(outside).replaceAll(" ").replaceAll("\\s+", " ").strip();
        if (statement.isEmpty()) {
            return new Malformed(id + " has no statement");
        }
        return new Item(new Requirement(id, statement, List.copyOf(tags),
                files.stream().distinct().toList()), done);
    }
}
