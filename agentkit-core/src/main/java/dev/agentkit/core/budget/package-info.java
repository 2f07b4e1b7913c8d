/**
 * Cost control for turns: what a worker spent ({@link dev.agentkit.core.budget.Usage}), what an
 * agent may spend per period ({@link dev.agentkit.core.budget.UsageBudget}), the running account
 * of a period ({@link dev.agentkit.core.internal.budget.UsageLedger}), and the provider quota error a
 * worker throws ({@link dev.agentkit.core.budget.QuotaExceededException}). The turn cycle stops
 * pulling work when the budget is spent or the provider's quota is exhausted.
 */
package dev.agentkit.core.budget;

import dev.agentkit.core.internal.budget.UsageLedger;

