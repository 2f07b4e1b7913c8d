/** The agentkit ChatPort SPI on Matrix. */
package dev.agentkit.matrix;
