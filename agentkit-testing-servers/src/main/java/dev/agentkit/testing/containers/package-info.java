/**
 * Testcontainers fixtures for users with Docker: {@link dev.agentkit.testing.containers.NatsContainer}
 * runs a JetStream-enabled nats-server in a container. Needs {@code org.testcontainers:testcontainers}
 * on the test class path (an optional dependency of this module).
 */
package dev.agentkit.testing.containers;
