/**
 * Who a specialist agent is and what it may touch: {@link dev.agentkit.core.agent.AgentDefinition}
 * is a parsed character sheet (a markdown file with Character, Scope, Tools Available,
 * Interfaces, Working Style and What I Refuse To Do) that renders the agent's system prompt, and
 * {@link dev.agentkit.core.agent.Scope} turns the sheet's owned and forbidden paths into a check
 * that every write into the shared workspace goes through.
 */
package dev.agentkit.core.agent;
