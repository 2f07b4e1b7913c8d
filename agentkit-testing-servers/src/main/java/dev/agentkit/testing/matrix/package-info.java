/**
 * A real Synapse homeserver for integration tests: {@link dev.agentkit.testing.matrix.SynapseServer}
 * (started through the project's {@code scripts/synapse.sh} on a free loopback port with a temp
 * directory, users registered by shared secret) and {@link dev.agentkit.testing.matrix.SynapseExtension},
 * which starts one per test run and fails under {@code CI=true} when it cannot, or else skips.
 */
package dev.agentkit.testing.matrix;
