/** The chat SPI: {@link dev.agentkit.core.chat.ChatPort}, the messages agents read, and room names. */
package dev.agentkit.core.chat;
