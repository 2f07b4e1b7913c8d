package dev.agentkit.nats.kv;

/**
 * How a KV lease or lock held by a crashed process runs out. In every mode the lease stores its
 * expiry time, and a taker replaces an expired lease with a compare-and-set on its revision;
 * with per-key TTL the server also removes the key by itself when the time is up.
 */
public enum LeaseExpiry {
    /** Per-key TTL when the server (2.11 or newer) and the bucket allow it, else the stored expiry only. */
    AUTO,
    /** Per-key TTL as well; needs nats-server 2.11 or newer. */
    PER_KEY_TTL,
    /** Only the stored expiry time, checked and replaced with compare-and-set (any server). */
    STORED_EXPIRY
}
