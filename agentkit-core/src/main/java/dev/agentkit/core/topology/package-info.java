/**
 * The topology of an agent team as data: streams, consumers, subject naming and subject
 * matching. Brokers provision a {@link dev.agentkit.core.topology.Topology}; agents read it.
 */
package dev.agentkit.core.topology;
