/** Test support for agentkit users: fakes, the virtual clock, the test kit, contract suites and real-server fixtures. */
package dev.agentkit.testing;
