/**
 * Durable memory of agents: which items are processed ({@link dev.agentkit.core.store.ProcessedStore})
 * and what an agent knows between turns ({@link dev.agentkit.core.store.StateStore}), with
 * in-memory and file implementations. NATS KV implementations live in agentkit-nats.
 */
package dev.agentkit.core.store;
