/**
 * The Anthropic Messages API as a {@link dev.agentkit.routing.llm.LanguageModel}:
 * {@link dev.agentkit.routing.anthropic.AnthropicLanguageModel} on {@code java.net.http},
 * configured by {@link dev.agentkit.routing.anthropic.AnthropicConfig}, with typed API errors
 * ({@link dev.agentkit.routing.anthropic.AnthropicApiException}) and injectable backoff waits
 * ({@link dev.agentkit.routing.anthropic.Sleeper}). The API key is never logged nor put in an
 * exception or a {@code toString}.
 */
package dev.agentkit.routing.anthropic;
