/**
 * Keeping agents that share one repository and one machine out of each other's way:
 * {@link dev.agentkit.core.workspace.FileLock} (cross-process locks, with
 * {@link dev.agentkit.core.workspace.LocalFileLock} on lock files),
 * {@link dev.agentkit.core.workspace.CommandWorker} (runs a coding-agent CLI or script for one
 * work item, with a timeout and the whole process tree killed on expiry, an allow-listed
 * environment, and the agent's secrets redacted from what it prints), and
 * {@link dev.agentkit.core.workspace.GitWorkspace} (small commits of only the files an agent's
 * {@link dev.agentkit.core.agent.Scope} allows).
 */
package dev.agentkit.core.workspace;
