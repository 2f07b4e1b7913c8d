/**
 * The language-model seam of agentkit-routing: {@link dev.agentkit.routing.llm.LanguageModel}, a
 * one-method interface that {@code AiRouter} asks, and the exceptions its implementations throw.
 * The Anthropic adapter lives in {@code dev.agentkit.routing.anthropic}; tests pass a lambda.
 */
package dev.agentkit.routing.llm;
