/**
 * Real-server fixtures for integration tests: {@link dev.agentkit.testing.nats.NatsServerFixture}
 * starts a {@code nats-server -js} on a free loopback port with its own store directory (or uses
 * {@code NATS_URL}), and {@link dev.agentkit.testing.nats.NatsServerExtension} gives one to each
 * test class. {@link dev.agentkit.testing.nats.NatsCluster} starts a JetStream cluster of several
 * nodes on loopback whose nodes can be killed and restarted, for failover tests.
 * {@link dev.agentkit.testing.nats.NatsServerBinary} finds the executable.
 */
package dev.agentkit.testing.nats;
