/**
 * The in-memory broker ({@link dev.agentkit.testing.broker.InMemoryBroker}) and the
 * {@link dev.agentkit.testing.broker.BrokerContract} suite that it and every real broker pass.
 */
package dev.agentkit.testing.broker;
