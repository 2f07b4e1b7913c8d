/**
 * The benchmark rows against a real nats-server: B1, B2, B3, B5, B6, B8 and B9 share one, started by
 * {@link dev.agentkit.bench.nats.NatsBench} the way the integration tests start it; B7 starts its
 * own three-node cluster. Each comparison is alternated within one run.
 */
package dev.agentkit.bench.nats;
