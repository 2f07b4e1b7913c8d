package dev.agentkit.matrix.client;

/**
 * Which page of history {@link MatrixClient#messages} fetches.
 *
 * @param from      the token to start at (a sync {@code prev_batch} or a page's {@code end}); null = the latest
 * @param to        the token to stop at, or null
 * @param backwards whether to page towards older events
 * @param limit     the most events in the page
 * @param filter    a room event filter as JSON, or null
 */
public record MessagesQuery(String from, String to, boolean backwards, int limit, String filter) {
    public MessagesQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    /** The newest {@code limit} events, newest first. */
    public static MessagesQuery latest(int limit) {
        return new MessagesQuery(null, null, true, limit, null);
    }

    /** Older events from {@code from} back to {@code to} (null: to the start), newest first. */
    public static MessagesQuery back(String from, String to, int limit, String filter) {
        return new MessagesQuery(from, to, true, limit, filter);
    }
}
