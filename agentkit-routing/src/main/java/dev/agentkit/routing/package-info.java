/**
 * Routers that decide which role owns a requirement: {@link dev.agentkit.routing.TagRouter}
 * (tag rules), {@link dev.agentkit.routing.FileRouter} (path prefixes and globs),
 * {@link dev.agentkit.routing.AiRouter} (a language model, answer checked against the known roles)
 * and {@link dev.agentkit.routing.ChainRouter} (routers in order, then a default). Each
 * implements the core {@link dev.agentkit.core.routing.Router} SPI, returns its reason with every
 * decision, and declines (empty) when it cannot decide.
 *
 * <p>Subpackages: {@code roadmap} reads requirements from a ROADMAP.md, {@code llm} is the
 * language-model seam, {@code anthropic} its Anthropic adapter, {@code drain} the queue drainer.
 */
package dev.agentkit.routing;
