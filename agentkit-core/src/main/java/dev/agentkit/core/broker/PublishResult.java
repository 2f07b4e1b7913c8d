package dev.agentkit.core.broker;

/**
 * The broker's acknowledgement of a publish, from {@link Broker#publish}.
 *
 * @param stream    the stream that stored the message
 * @param sequence  its sequence number in that stream (the original's, for a duplicate)
 * @param duplicate true when the message id was already seen within the de-duplication window
 *                  and nothing new was stored
 */
public record PublishResult(String stream, long sequence, boolean duplicate) {
}
