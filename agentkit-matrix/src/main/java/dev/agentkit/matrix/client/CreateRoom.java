package dev.agentkit.matrix.client;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MatrixClient#createRoom} creates: a room with a local alias, a name, a topic, a
 * preset and the users to invite. Used by {@code MatrixRooms}.
 *
 * @param aliasLocalpart the alias without {@code #} and server name, e.g. {@code backend}; may be null
 * @param name           the room name shown to humans; may be null
 * @param topic          the topic; may be null
 * @param preset         {@code private_chat}, {@code public_chat} or {@code trusted_private_chat}
 * @param invite         user ids to invite
 */
public record CreateRoom(String aliasLocalpart, String name, String topic, String preset, List<String> invite) {
    public CreateRoom {
        Objects.requireNonNull(preset, "preset");
        invite = List.copyOf(invite);
    }

    /** A private room with alias {@code #localpart:server}, named after it, inviting {@code invite}. */
    public static CreateRoom privateRoom(String aliasLocalpart, List<String> invite) {
        return new CreateRoom(aliasLocalpart, aliasLocalpart, null, "private_chat", invite);
    }
}
