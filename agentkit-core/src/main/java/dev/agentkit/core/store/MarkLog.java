package dev.agentkit.core.store;

import java.time.Instant;

/**
 * The marks of an {@link InMemoryProcessedStore}, in flat arrays: each mark's key (its characters
 * in one shared array), the key's hash and the instant the mark was made, oldest first, with a
 * chained hash index from key to its newest mark (buckets and links are mark numbers, as in
 * {@link java.util.HashMap}, whose spreading of hashes it shares: keys made from consecutive
 * numbers, such as {@code stream:sequence} ids, land in neighbouring buckets, so the marks of a
 * batch are read from a few cache lines). There is no object per mark, so a store holding a
 * million marks gives the garbage collector nothing to copy or trace per mark (a map of entries
 * had each entry copied as it aged).
 *
 * <p>Marking a key again appends a new mark and retires the old one (it leaves the index and is
 * skipped from then on). The oldest live mark is dropped from the front with
 * {@link #dropOldest}; when the arrays are full they are compacted, retired and dropped marks
 * left out, and grown only when more than half of the room is live, so each mark costs a constant
 * amount of copying over its life and memory follows the live marks. Not thread-safe: the store
 * holds its lock around every call.
 */
final class MarkLog {
    private static final int FIRST = 16;

    private char[] chars = new char[FIRST * 16];
    private int charsEnd;
    private int liveChars;
    /** Per mark: where its key starts in {@link #chars}, its length (complemented once retired), its hash, when made. */
    private int[] start = new int[FIRST];
    private int[] length = new int[FIRST];
    private int[] hash = new int[FIRST];
    private long[] seconds = new long[FIRST];
    private int[] nanos = new int[FIRST];
    /** Per mark, the next mark (index + 1) in its bucket's chain; 0 ends the chain. */
    private int[] next = new int[FIRST];
    /** Per bucket, the first mark (index + 1) of its chain; 0 for an empty bucket. As many buckets as room for marks. */
    private int[] buckets = new int[FIRST];
    /** The oldest mark not dropped, and the next free one. */
    private int head;
    private int tail;
    private int live;

    /** How many live marks there are (one per key marked and not dropped). */
    int size() {
        return live;
    }

    /** The index of {@code key}'s live mark, or -1 when it has none. */
    int indexOf(String key) {
        int h = spread(key.hashCode());
        for (int e = buckets[h & (buckets.length - 1)]; e != 0; e = next[e - 1]) {
            int m = e - 1;
            if (hash[m] == h && sameKey(m, key)) {
                return m;
            }
        }
        return -1;
    }

    /** Whether mark {@code m} was made at or before {@code instant}. */
    boolean madeBy(int m, Instant instant) {
        long s = seconds[m];
        return s < instant.getEpochSecond() || s == instant.getEpochSecond() && nanos[m] <= instant.getNano();
    }

    /** Appends a mark of {@code key} made {@code at}, retiring the key's earlier mark if it has one. */
    void add(String key, Instant at) {
        if (tail == start.length || charsEnd > chars.length - key.length()) {
            compact(key.length());
        }
        int old = indexOf(key);
        if (old >= 0) {
            unlink(old);
            retire(old);
        }
        int h = spread(key.hashCode());
        int m = tail++;
        start[m] = charsEnd;
        key.getChars(0, key.length(), chars, charsEnd);
        charsEnd += key.length();
        length[m] = key.length();
        hash[m] = h;
        seconds[m] = at.getEpochSecond();
        nanos[m] = at.getNano();
        link(buckets, next, h, m);
        live++;
        liveChars += key.length();
    }

    /** The index of the oldest live mark, or -1 when there is none; retired marks in front of it are passed over. */
    int oldest() {
        while (head < tail && length[head] < 0) {
            head++;
        }
        return head < tail ? head : -1;
    }

    /** Drops the oldest live mark ({@link #oldest}, which must exist). */
    void dropOldest() {
        int m = oldest();
        unlink(m);
        retire(m);
        head++;
        if (live == 0) {
            head = 0; // nothing left to keep: start the arrays over (the index is empty already)
            tail = 0;
            charsEnd = 0;
        }
    }

    private void retire(int m) {
        liveChars -= length[m];
        length[m] = ~length[m];
        live--;
    }

    /** Puts mark {@code m}, of hash {@code h}, first in its bucket's chain. */
    private static void link(int[] buckets, int[] next, int h, int m) {
        int b = h & (buckets.length - 1);
        next[m] = buckets[b];
        buckets[b] = m + 1;
    }

    /** Takes live mark {@code m} out of its bucket's chain. */
    private void unlink(int m) {
        int b = hash[m] & (buckets.length - 1);
        if (buckets[b] == m + 1) {
            buckets[b] = next[m];
            return;
        }
        int p = buckets[b] - 1;
        while (next[p] != m + 1) {
            p = next[p] - 1;
        }
        next[p] = next[m];
    }

    private boolean sameKey(int m, String key) {
        int n = length[m];
        if (n != key.length()) {
            return false;
        }
        int from = start[m];
        for (int i = 0; i < n; i++) {
            if (chars[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the live marks, oldest first, to the front of arrays sized for twice as many marks
     * and characters (with room for a key of {@code comingChars} more), and rebuilds the index.
     */
    private void compact(int comingChars) {
        int capacity = roomFor(live + 1L, FIRST);
        int charCapacity = roomFor(liveChars + (long) comingChars, FIRST * 16);
        char[] newChars = new char[charCapacity];
        int[] newStart = new int[capacity];
        int[] newLength = new int[capacity];
        int[] newHash = new int[capacity];
        long[] newSeconds = new long[capacity];
        int[] newNanos = new int[capacity];
        int[] newNext = new int[capacity];
        int[] newBuckets = new int[capacity];
        int to = 0;
        int at = 0;
        for (int m = head; m < tail; m++) {
            int n = length[m];
            if (n < 0) {
                continue;
            }
            System.arraycopy(chars, start[m], newChars, at, n);
            newStart[to] = at;
            newLength[to] = n;
            newHash[to] = hash[m];
            newSeconds[to] = seconds[m];
            newNanos[to] = nanos[m];
            link(newBuckets, newNext, hash[m], to);
            at += n;
            to++;
        }
        chars = newChars;
        start = newStart;
        length = newLength;
        hash = newHash;
        seconds = newSeconds;
        nanos = newNanos;
        next = newNext;
        buckets = newBuckets;
        head = 0;
        tail = to;
        charsEnd = at;
    }

    /** The smallest power of two, at least {@code least}, that holds {@code needed} twice over. */
    private static int roomFor(long needed, int least) {
        long room = least;
        while (room < needed * 2) {
            room *= 2;
        }
        if (room > 1 << 30) {
            throw new IllegalStateException("an in-memory processed store holds at most 2^29 marks and characters");
        }
        return (int) room;
    }

    /** {@link java.util.HashMap}'s spreading: the high half folded into the low, neighbours kept neighbours. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
