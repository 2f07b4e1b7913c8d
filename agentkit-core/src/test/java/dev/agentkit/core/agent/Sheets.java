package dev.agentkit.core.agent;

/** Character-sheet texts for tests: a complete sheet, and one with a section replaced or dropped. */
final class Sheets {
    static final String COMPLETE = """
            # Agent: Ada

            ## Character
            You are Ada, a careful backend developer.
            You write small functions.

            ## Scope
            You own all code in:
            - /src/
            - /tests/unit/

            You do NOT modify:
            - /src/frontend/ (someone else's)

            ## Tools Available
            - Run the unit tests
            - Git: commit to feature branches

            ## Interfaces
            ### Input
            - Requirements from work.requirements.backend
            ### Output
            - Announcements on work.integration
              when an endpoint is ready

            ## Working Style
            1. Read the requirement
            2. Write the test first

            ## Team Notes
            Ask before renaming shared types.

            ## What I Refuse To Do
            - Commit without tests

            ## Glossary
            ```
            ## not a heading inside a fence
            ```
            """;

    private Sheets() {
    }

    /** {@link #COMPLETE} without the section {@code title} (heading and body). */
    static String without(String title) {
        return replace(title, "");
    }

    /** {@link #COMPLETE} with the body of section {@code title} replaced by {@code body}. */
    static String replace(String title, String body) {
        String heading = "## " + title + "\n";
        int start = COMPLETE.indexOf(heading);
        int end = COMPLETE.indexOf("\n## ", start + heading.length());
        String replacement = body.isEmpty() ? "" : heading + body;
        return COMPLETE.substring(0, start) + replacement + COMPLETE.substring(end + 1);
    }
}
