/**
 * Connecting to NATS: {@link dev.agentkit.nats.connect.NatsConnectionConfig} (URLs, credentials,
 * TLS, reconnect; from code or {@code NATS_*} environment variables) opens a jnats connection
 * whose events are logged through slf4j, without secrets.
 */
package dev.agentkit.nats.connect;
