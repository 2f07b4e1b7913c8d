/** JMH micro-benchmarks of in-process hot paths, run by {@code MicroBenchmarks}. */
package dev.agentkit.bench.micro;
