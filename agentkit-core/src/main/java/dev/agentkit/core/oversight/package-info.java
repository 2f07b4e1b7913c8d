/**
 * Human oversight of an agent team: dead letters escalated to the alerts room
 * ({@link dev.agentkit.core.internal.oversight.Escalation}), the chat commands humans answer with
 * ({@link dev.agentkit.core.oversight.Command}: retry, skip, reassign, pause, resume, turn now,
 * status, help), their execution ({@link dev.agentkit.core.internal.oversight.CommandExecutor}), exactly
 * once per chat message ({@link dev.agentkit.core.internal.oversight.CommandLedger}), the flags a
 * scheduler reads ({@link dev.agentkit.core.oversight.AgentControl}) and a stand-alone
 * {@link dev.agentkit.core.oversight.DeadLetterDesk} that anyone can run.
 *
 * <p>Agents execute the commands meant for them at their next turn; the desk executes any
 * command it reads. Both keep their bookkeeping in the team's {@code StateStore}, so they may
 * run in different processes when the store is shared (NATS KV).
 */
package dev.agentkit.core.oversight;

import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.internal.oversight.CommandLedger;
import dev.agentkit.core.internal.oversight.Escalation;

