/**
 * The chat side of testing agents: {@link dev.agentkit.testing.chat.InMemoryChat}, a team chat in
 * memory that hands each agent a {@link dev.agentkit.core.chat.ChatPort} with the semantics of the
 * Matrix port and scripted faults ({@link dev.agentkit.testing.chat.ChatFault}), the humans a test
 * plays ({@link dev.agentkit.testing.chat.Human}, allow-listed or not), and
 * {@link dev.agentkit.testing.chat.ChatContract}, the suite every chat port passes.
 */
package dev.agentkit.testing.chat;
