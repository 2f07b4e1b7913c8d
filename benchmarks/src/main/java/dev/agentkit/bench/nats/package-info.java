/**
 * The benchmark rows against a real nats-server (B1, B2, B3, B5, B6): started once by
 * {@link dev.agentkit.bench.nats.NatsBench} the way the integration tests start it, each
 * comparison alternated within one run.
 */
package dev.agentkit.bench.nats;
