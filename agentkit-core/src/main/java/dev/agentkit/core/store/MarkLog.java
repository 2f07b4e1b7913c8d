package dev.agentkit.core.store;

import java.time.Instant;

/**
 * The marks of an {@link InMemoryProcessedStore}, in flat arrays: each mark's key (its characters
 * in one shared array), the key's hash and the instant the mark was made, oldest first, with an
 * open-addressing index from key to its newest mark. There is no object per mark, so a store
 * holding a million marks gives the garbage collector nothing to copy or trace per mark (a map of
 * entries had each entry copied as it aged and rehashed as the map grew).
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
    /** Linear probing, the index kept at most half full: twice as many slots as marks fit. */
    private static final int SLOTS_PER_MARK = 2;

    private char[] chars = new char[FIRST * 16];
    private int charsEnd;
    private int liveChars;
    /** Per mark: where its key starts in {@link #chars}, its length (complemented once retired), its hash, when made. */
    private int[] start = new int[FIRST];
    private int[] length = new int[FIRST];
    private int[] hash = new int[FIRST];
    private long[] seconds = new long[FIRST];
    private int[] nanos = new int[FIRST];
    /** The oldest mark not dropped, and the next free one. */
    private int head;
    private int tail;
    private int live;
    /**
     * Per slot, the key's hash in the high half and its mark's index + 1 in the low half; 0 is a
     * free slot. With the hash in the slot a look-up that finds nothing reads one cache line.
     */
    private long[] slots = new long[FIRST * SLOTS_PER_MARK];

    /** How many live marks there are (one per key marked and not dropped). */
    int size() {
        return live;
    }

    /** The index of {@code key}'s live mark, or -1 when it has none. */
    int indexOf(String key) {
        return markIn(slots[slotOf(key, spread(key.hashCode()))]);
    }

    /** Whether mark {@code m} was made at or before {@code instant}. */
    boolean madeBy(int m, Instant instant) {
        long s = seconds[m];
        return s < instant.getEpochSecond() || s == instant.getEpochSecond() && nanos[m] <= instant.getNano();
    }

    /** Appends a mark of {@code key} made {@code at}, retiring the key's earlier mark if it has one. */
    void add(String key, Instant at) {
        int h = spread(key.hashCode());
        if (tail == start.length || charsEnd > chars.length - key.length()) {
            compact(key.length());
        }
        int s = slotOf(key, h);
        int old = markIn(slots[s]);
        if (old >= 0) {
            retire(old);
        }
        int m = tail++;
        start[m] = charsEnd;
        key.getChars(0, key.length(), chars, charsEnd);
        charsEnd += key.length();
        length[m] = key.length();
        hash[m] = h;
        seconds[m] = at.getEpochSecond();
        nanos[m] = at.getNano();
        slots[s] = slot(h, m);
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
        int mask = slots.length - 1;
        int s = hash[m] & mask;
        while (markIn(slots[s]) != m) {
            s = (s + 1) & mask;
        }
        delete(s);
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

    /** The slot holding {@code key}'s mark, or the free slot where it would go. */
    private int slotOf(String key, int h) {
        int mask = slots.length - 1;
        int s = h & mask;
        while (true) {
            long slot = slots[s];
            if (slot == 0 || (int) (slot >>> 32) == h && sameKey(markIn(slot), key)) {
                return s;
            }
            s = (s + 1) & mask;
        }
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

    /** Frees slot {@code s}, moving back the marks after it that would no longer be found past the hole. */
    private void delete(int s) {
        int mask = slots.length - 1;
        int hole = s;
        for (int j = (s + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = (int) (slots[j] >>> 32) & mask;
            boolean reachable = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!reachable) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
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
        long[] newSlots = new long[capacity * SLOTS_PER_MARK];
        int mask = newSlots.length - 1;
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
            int s = hash[m] & mask;
            while (newSlots[s] != 0) {
                s = (s + 1) & mask;
            }
            newSlots[s] = slot(hash[m], to);
            at += n;
            to++;
        }
        chars = newChars;
        start = newStart;
        length = newLength;
        hash = newHash;
        seconds = newSeconds;
        nanos = newNanos;
        slots = newSlots;
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
        if (room * SLOTS_PER_MARK > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an in-memory processed store holds at most about 2^29 marks and characters");
        }
        return (int) room;
    }

    private static long slot(int h, int m) {
        return (long) h << 32 | (m + 1L);
    }

    /** The mark a slot names; -1 for a free slot. */
    private static int markIn(long slot) {
        return (int) slot - 1;
    }

    private static int spread(int h) {
        int x = h * 0x9E37_79B9;
        return x ^ (x >>> 16);
    }
}
