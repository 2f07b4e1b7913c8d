/**
 * The chat SPI: {@link dev.agentkit.core.chat.ChatPort}, the messages agents read, room names, the
 * size limits of posts ({@link dev.agentkit.core.chat.ChatLimits}) and the failures with their kind
 * ({@link dev.agentkit.core.chat.ChatException}).
 */
package dev.agentkit.core.chat;
