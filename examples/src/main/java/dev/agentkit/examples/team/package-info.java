/**
 * Roy, Jen and Moss: example agents built on character sheets ({@code examples/agents/*.md}), a
 * shared git workspace, file locks and the turn cycle. Copy them to write your own.
 */
package dev.agentkit.examples.team;
