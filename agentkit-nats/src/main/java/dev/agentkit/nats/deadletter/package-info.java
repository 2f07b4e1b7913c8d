/**
 * Dead letters the turn cycle cannot send itself: {@link dev.agentkit.nats.deadletter.MaxDeliveriesWatcher}
 * turns JetStream's max-deliveries advisories (an agent died on an item's last delivery) into
 * dead letters of the same shape on {@code work.deadletter.<agent>}.
 */
package dev.agentkit.nats.deadletter;
