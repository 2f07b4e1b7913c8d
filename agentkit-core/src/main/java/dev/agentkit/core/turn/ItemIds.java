package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Headers;

/**
 * The id of a work item as {@code processWork} sees it and its processed mark is keyed: the
 * {@code Agentkit-Item-Id} header of an item that came back after a human's decision (so it keeps
 * the id it asked with), else the message id or body {@code id}, else {@code stream:sequence}.
 */
final class ItemIds {
    private ItemIds() {
    }

    static String of(Delivery d) {
        return d.envelope().header(Headers.ITEM_ID).filter(id -> !id.isBlank())
                .or(() -> d.envelope().id()).orElseGet(() -> d.stream() + ":" + d.streamSequence());
    }
}
