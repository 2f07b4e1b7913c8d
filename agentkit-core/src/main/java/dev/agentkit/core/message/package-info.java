/** Messages: {@link dev.agentkit.core.message.Envelope}, header names, and JSON handling. */
package dev.agentkit.core.message;
