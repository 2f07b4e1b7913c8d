package dev.agentkit.core.store;

import java.time.Instant;

/**
 * The marks of an {@link InMemoryProcessedStore}, in flat arrays: each mark's key (in one shared
 * array of bytes: a byte a character for a Latin-1 key, as the ids of messages are, else two),
 * the key's hash and the instant the mark was made, oldest first, with a
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

    private byte[] bytes = new byte[FIRST * 16];
    private int bytesEnd;
    private int liveBytes;
    /**
     * Per mark: where its key starts in {@link #bytes}, its length in bytes (complemented once
     * retired), whether it takes two bytes a character, its hash, when made.
     */
    private int[] start = new int[FIRST];
    private int[] length = new int[FIRST];
    private boolean[] wide = new boolean[FIRST];
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

    /** How many marks the arrays hold room for, live, retired and free ones together. */
    int room() {
        return start.length;
    }

    /** How many bytes of keys the shared array holds room for. */
    int byteRoom() {
        return bytes.length;
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
        boolean twoBytes = !latin1(key);
        int n = twoBytes ? 2 * key.length() : key.length();
        if (tail == start.length || bytesEnd > bytes.length - n) {
            compact(n);
        }
        int old = indexOf(key);
        if (old >= 0) {
            unlink(old);
            retire(old);
        }
        int h = spread(key.hashCode());
        int m = tail++;
        start[m] = bytesEnd;
        put(key, twoBytes, bytesEnd);
        bytesEnd += n;
        length[m] = n;
        wide[m] = twoBytes;
        hash[m] = h;
        seconds[m] = at.getEpochSecond();
        nanos[m] = at.getNano();
        link(buckets, next, h, m);
        live++;
        liveBytes += n;
    }

    private static boolean latin1(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code key} to {@link #bytes} from {@code at}: a byte a character, or two (high first). */
    private void put(String key, boolean twoBytes, int at) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (twoBytes) {
                bytes[at + 2 * i] = (byte) (c >>> 8);
                bytes[at + 2 * i + 1] = (byte) c;
            } else {
                bytes[at + i] = (byte) c;
            }
        }
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
            bytesEnd = 0;
        }
    }

    private void retire(int m) {
        liveBytes -= length[m];
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

    /** Whether mark {@code m}'s key is {@code key}; a key is kept one way only, so no key matches both. */
    private boolean sameKey(int m, String key) {
        int k = key.length();
        int from = start[m];
        if (wide[m]) {
            if (length[m] != 2 * k) {
                return false;
            }
            for (int i = 0; i < k; i++) {
                if (((bytes[from + 2 * i] & 0xff) << 8 | bytes[from + 2 * i + 1] & 0xff) != key.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        if (length[m] != k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if ((bytes[from + i] & 0xff) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the live marks, oldest first, to the front of arrays sized for twice as many marks
     * and bytes of keys (at least room for a key of {@code comingBytes} more), and rebuilds the
     * index. Twice the live ones, not twice the live ones and the coming one: a full log would
     * then grow fourfold.
     */
    private void compact(int comingBytes) {
        int capacity = roomFor(2L * live, FIRST);
        int byteCapacity = roomFor(Math.max(2L * liveBytes, liveBytes + (long) comingBytes), FIRST * 16);
        byte[] newBytes = new byte[byteCapacity];
        int[] newStart = new int[capacity];
        int[] newLength = new int[capacity];
        boolean[] newWide = new boolean[capacity];
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
            System.arraycopy(bytes, start[m], newBytes, at, n);
            newStart[to] = at;
            newLength[to] = n;
            newWide[to] = wide[m];
            newHash[to] = hash[m];
            newSeconds[to] = seconds[m];
            newNanos[to] = nanos[m];
            link(newBuckets, newNext, hash[m], to);
            at += n;
            to++;
        }
        bytes = newBytes;
        start = newStart;
        length = newLength;
        wide = newWide;
        hash = newHash;
        seconds = newSeconds;
        nanos = newNanos;
        next = newNext;
        buckets = newBuckets;
        head = 0;
        tail = to;
        bytesEnd = at;
    }

    /** The smallest power of two, at least {@code least}, that holds {@code needed}. */
    private static int roomFor(long needed, int least) {
        long room = least;
        while (room < needed) {
            room *= 2;
        }
        if (room > 1 << 30) {
            throw new IllegalStateException("an in-memory processed store holds at most 2^29 marks and bytes of keys");
        }
        return (int) room;
    }

    /** {@link java.util.HashMap}'s spreading: the high half folded into the low, neighbours kept neighbours. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
