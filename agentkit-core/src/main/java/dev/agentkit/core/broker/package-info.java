/**
 * The broker SPI: {@link dev.agentkit.core.broker.Broker} and the values it exchanges. Adapters
 * implement it; the turn cycle and drainers call it.
 */
package dev.agentkit.core.broker;
