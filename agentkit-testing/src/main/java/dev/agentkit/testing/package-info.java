/** Test support for agentkit users: fakes, the virtual clock, the test kit and contract suites (real-server fixtures are in agentkit-testing-servers). */
package dev.agentkit.testing;
