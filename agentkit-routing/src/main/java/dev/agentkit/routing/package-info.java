/** Routers and the roadmap source. */
package dev.agentkit.routing;
