/**
 * The agentkit {@link dev.agentkit.core.chat.ChatPort} on Matrix: {@link dev.agentkit.matrix.MatrixChatPort}
 * (one per agent account; reads the rooms with a stored sync cursor, judges who is human, who is
 * addressed and who may command), its {@link dev.agentkit.matrix.MatrixChatConfig}, and
 * {@link dev.agentkit.matrix.MatrixRooms} to create the team's rooms. The HTTP client lives in
 * {@code dev.agentkit.matrix.client}.
 */
package dev.agentkit.matrix;
