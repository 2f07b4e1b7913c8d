/** Roy, Jen and Moss: example agents and the demo. */
package dev.agentkit.examples;
