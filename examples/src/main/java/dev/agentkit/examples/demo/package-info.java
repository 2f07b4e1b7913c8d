/** The quickstart agent and the one-command demo of its turns on the in-memory broker. */
package dev.agentkit.examples.demo;
