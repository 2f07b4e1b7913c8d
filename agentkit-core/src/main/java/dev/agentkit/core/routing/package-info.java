/** The routing SPI: requirements, routers and their decisions. Implementations live in agentkit-routing. */
package dev.agentkit.core.routing;
