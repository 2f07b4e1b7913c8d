/**
 * An agent made of a character sheet and a worker command, for teams that want a coding-agent
 * CLI ({@code claude -p}, a script) to do the work while agentkit does the turns:
 * {@link dev.agentkit.core.worker.WorkerAgent} runs the command for each work item in the
 * agent's git workspace with the sheet's rendered system prompt, refuses changes outside the
 * sheet's scope, commits as {@code REQ-nnn: <title>} and announces completion. Used by the
 * {@code agentkit} command (agentkit-cli) and by Java code that wires its own team;
 * {@link dev.agentkit.core.worker.WorkerSettings} says where and how the command runs, and
 * {@link dev.agentkit.core.worker.WorkerReport} is what the command may write back.
 */
package dev.agentkit.core.worker;
