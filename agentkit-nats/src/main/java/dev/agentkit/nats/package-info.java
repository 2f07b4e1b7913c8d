/**
 * The agentkit {@link dev.agentkit.core.broker.Broker} on NATS JetStream:
 * {@link dev.agentkit.nats.JetStreamBroker} (provisioning, publish, fetch, settle, status) and
 * the mapping of jnats failures to {@link dev.agentkit.core.broker.BrokerException}s. Connection
 * settings live in {@code dev.agentkit.nats.connect}, KV stores and locks in
 * {@code dev.agentkit.nats.kv}, the dead-letter watcher in {@code dev.agentkit.nats.deadletter}.
 */
package dev.agentkit.nats;
