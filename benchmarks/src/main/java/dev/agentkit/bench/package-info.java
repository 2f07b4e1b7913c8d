/** agentkit's benchmark runner: the rows of issue 9, a table on the console and JSON under target/. */
package dev.agentkit.bench;
