/**
 * NATS KV implementations of agentkit's stores and locks: {@link dev.agentkit.nats.kv.KvProcessedStore},
 * {@link dev.agentkit.nats.kv.KvStateStore}, the cross-process turn lease
 * {@link dev.agentkit.nats.kv.KvTurnLease} and the distributed {@code FileLock}
 * {@link dev.agentkit.nats.kv.KvLock}.
 * Keys may be any string (encoded for KV); buckets are created on first use.
 */
package dev.agentkit.nats.kv;
