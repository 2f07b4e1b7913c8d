package dev.agentkit.core.agent;

import dev.agentkit.core.AgentkitException;

/**
 * A character sheet that cannot be turned into an {@link AgentDefinition}: thrown by the parser
 * with the file (or source name) and the 1-based line where the problem is, so the author can
 * go straight to it.
 */
public class CharacterSheetException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public CharacterSheetException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file or source name of the sheet. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }
}
