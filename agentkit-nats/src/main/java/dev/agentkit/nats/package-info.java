/** The agentkit Broker SPI on NATS JetStream. */
package dev.agentkit.nats;
