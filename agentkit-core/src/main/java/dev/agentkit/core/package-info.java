/**
 * agentkit's core: the domain and the service-provider interfaces that adapters implement.
 *
 * <h2>The programming model</h2>
 * An agent extends {@link dev.agentkit.core.turn.TurnBasedAgent} and implements
 * {@code processWork}. It never runs continuously: {@code runTurn()} is one bounded cycle that
 * reads the chat, pulls direct messages, pulls work within a budget, acts on each item's
 * {@link dev.agentkit.core.turn.Outcome}, reads the coordination streams, posts a status line
 * and saves state. Inside a turn, user code:
 * <ul>
 *   <li>returns an {@code Outcome} and never acks, naks or terminates a message itself;</li>
 *   <li>takes time from the injected {@link dev.agentkit.core.time.AgentClock} ({@code now()}
 *       for stamps, {@code nanoTime()} for measuring), never from
 *       {@code System.currentTimeMillis()}, and waits with its {@code sleep}, never
 *       {@code Thread.sleep}, so a test's virtual clock skips the wait;</li>
 *   <li>announces results through the work context, so they are published before the ack with a
 *       message id that makes a redelivered item publish nothing twice;</li>
 *   <li>reports what each language-model call cost with {@code reportUsage}, and throws
 *       {@link dev.agentkit.core.budget.QuotaExceededException} when the provider's quota is
 *       exhausted: the turn then stops pulling until the budget period or the quota resets.</li>
 * </ul>
 * This module imports no NATS and no HTTP type: {@code agentkit-nats} and
 * {@code agentkit-matrix} implement its SPIs, and {@code agentkit-testing} fakes them.
 */
package dev.agentkit.core;
