package dev.agentkit.matrix;

import dev.agentkit.matrix.client.CreateRoom;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the team's rooms: each configured alias that no room has yet becomes a private room
 * with that alias, and the configured humans and agents are invited to every room they are not
 * in. Idempotent: run it at every start. Used by applications and tests before agents read.
 */
public final class MatrixRooms {
    private static final Logger log = LoggerFactory.getLogger(MatrixRooms.class);

    private MatrixRooms() {
    }

    /**
     * Makes sure every room of {@code rooms} (logical name to alias, e.g.
     * {@link MatrixChatConfig#defaultRooms}) exists with {@code creator} in it and {@code members}
     * invited or joined; returns logical name to room id.
     *
     * @throws MatrixException when a room cannot be created or joined (e.g. a private room of another owner)
     */
    public static Map<String, String> provision(MatrixClient creator, Map<String, String> rooms,
                                                Collection<String> members) {
        String self = creator.userId();
        List<String> invitees = new ArrayList<>(Set.copyOf(members));
        invitees.remove(self);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> room : rooms.entrySet()) {
            String alias = room.getValue();
            Optional<String> existing = creator.resolveAlias(alias);
            String id;
            if (existing.isPresent()) {
                id = creator.join(existing.get());
                inviteMissing(creator, id, invitees);
            } else {
                id = create(creator, alias, invitees);
            }
            ids.put(room.getKey(), id);
        }
        return ids;
    }

    private static String create(MatrixClient creator, String alias, List<String> invitees) {
        try {
            String id = creator.createRoom(CreateRoom.privateRoom(localpart(alias), invitees));
            log.info("created room {} as {}, invited {}", alias, id, invitees);
            return id;
        } catch (MatrixException e) {
            if (!e.is("M_ROOM_IN_USE")) {
                throw e;
            }
            String id = creator.join(creator.resolveAlias(alias).orElseThrow(() -> e));
            inviteMissing(creator, id, invitees);
            return id;
        }
    }

    private static void inviteMissing(MatrixClient creator, String roomId, List<String> invitees) {
        Set<String> joined = creator.joinedMembers(roomId).keySet();
        for (String user : invitees) {
            if (joined.contains(user)) {
                continue;
            }
            try {
                creator.invite(roomId, user);
            } catch (MatrixException e) {
                if (!e.is("M_FORBIDDEN")) {
                    throw e;
                }
                log.debug("not inviting {} to {}: {}", user, roomId, e.getMessage());
            }
        }
    }

    /** {@code backend} of {@code #backend:localhost}. */
    static String localpart(String alias) {
        int colon = alias.indexOf(':');
        if (!alias.startsWith("#") || colon < 2) {
            throw new IllegalArgumentException("a room alias looks like #name:server, was '" + alias + "'");
        }
        return alias.substring(1, colon);
    }
}
