package dev.agentkit.matrix;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How one agent sits in the team's Matrix rooms: its account, the other agent accounts, who may
 * command agents, and which Matrix room each logical room name means. Immutable, made with
 * {@link #builder}; its {@code toString} never shows the password. Passed to
 * {@link MatrixChatPort}.
 *
 * @param client            how to reach the homeserver
 * @param agentName         the agent's name, e.g. {@code roy}; a leading {@code roy:} addresses it
 * @param userId            the agent's Matrix user id, e.g. {@code @roy:localhost}
 * @param password          the agent account's password
 * @param deviceId          the device the agent logs in as, the same across restarts
 * @param displayName       the name humans mention the agent by
 * @param agentAccounts     the user ids of every agent of the team (this one included): everyone else is human
 * @param commanders        user ids allowed to command agents
 * @param commandPowerLevel a power level at or above which a room member may command agents, if any
 * @param rooms             logical room name to room alias (or room id), e.g. {@code backend -> #backend:localhost}
 * @param timelineLimit     the most messages per room in one sync; older ones are fetched from history
 * @param syncTimeout       how long a read waits for news when there is none (zero: not at all)
 */
public record MatrixChatConfig(MatrixClientConfig client, String agentName, String userId, Secret password,
                               String deviceId, String displayName, Set<String> agentAccounts,
                               Set<String> commanders, OptionalInt commandPowerLevel, Map<String, String> rooms,
                               int timelineLimit, Duration syncTimeout) {
    public MatrixChatConfig {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(commandPowerLevel, "commandPowerLevel");
        requireUserId("userId of " + agentName, userId);
        Set<String> agents = new LinkedHashSet<>(agentAccounts);
        agents.add(userId);
        agents.forEach(a -> requireUserId("agent account", a));
        agentAccounts = Set.copyOf(agents);
        commanders.forEach(c -> requireUserId("commander", c));
        commanders = Set.copyOf(commanders);
        rooms = Map.copyOf(rooms);
        if (rooms.isEmpty()) {
            throw new IllegalArgumentException("rooms of " + agentName + " must name at least one room");
        }
        if (timelineLimit < 1) {
            throw new IllegalArgumentException("timelineLimit must be positive, was " + timelineLimit);
        }
        if (syncTimeout == null || syncTimeout.isNegative()) {
            throw new IllegalArgumentException("syncTimeout must be zero or positive, was " + syncTimeout);
        }
    }

    private static void requireUserId(String what, String id) {
        if (id == null || !id.matches("@[^:\\s]+:\\S+")) {
            throw new IllegalArgumentException(what + " must be a Matrix user id like @name:server, was '" + id + "'");
        }
    }

    /** The five workshop rooms ({@link Rooms}) as aliases on {@code serverName}: {@code general -> #general:server}. */
    public static Map<String, String> defaultRooms(String serverName) {
        Map<String, String> rooms = new LinkedHashMap<>();
        for (String r : new String[]{Rooms.GENERAL, Rooms.BACKEND, Rooms.FRONTEND, Rooms.ARCHITECTURE, Rooms.ALERTS}) {
            rooms.put(r, "#" + r + ":" + serverName);
        }
        return rooms;
    }

    /** A builder for agent {@code agentName} on {@code homeserver}, logging in with {@code password}. */
    public static Builder builder(URI homeserver, String agentName, Secret password) {
        return new Builder(MatrixClientConfig.of(homeserver), agentName, password);
    }

    /** Builds a {@link MatrixChatConfig}; defaults derive from the server name (default {@code localhost}). */
    public static final class Builder {
        private MatrixClientConfig client;
        private final String agentName;
        private final Secret password;
        private String serverName = "localhost";
        private String userId;
        private String deviceId;
        private String displayName;
        private final Set<String> agentAccounts = new LinkedHashSet<>();
        private final Set<String> commanders = new LinkedHashSet<>();
        private OptionalInt commandPowerLevel = OptionalInt.empty();
        private Map<String, String> rooms;
        private int timelineLimit = 50;
        private Duration syncTimeout = Duration.ZERO;

        private Builder(MatrixClientConfig client, String agentName, Secret password) {
            this.client = client;
            this.agentName = agentName;
            this.password = password;
        }

        /** Replaces the HTTP settings (timeouts, rate-limit retries, clock). */
        public Builder client(MatrixClientConfig c) {
            this.client = c;
            return this;
        }

        /** The homeserver's server name, used for the default user id and room aliases. */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /** The agent's user id; default {@code @<agentName>:<serverName>}. */
        public Builder userId(String id) {
            this.userId = id;
            return this;
        }

        /** The device id; default {@code AGENTKIT_<AGENTNAME>}. */
        public Builder deviceId(String id) {
            this.deviceId = id;
            return this;
        }

        /** The display name humans mention; default the agent name. */
        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        /** Adds the user ids of the team's agent accounts. */
        public Builder agentAccounts(Collection<String> ids) {
            agentAccounts.addAll(ids);
            return this;
        }

        /** Adds user ids allowed to command agents. */
        public Builder commanders(Collection<String> ids) {
            commanders.addAll(ids);
            return this;
        }

        /** Lets room members at or above {@code level} command agents too. */
        public Builder commandPowerLevel(int level) {
            this.commandPowerLevel = OptionalInt.of(level);
            return this;
        }

        /** Logical room name to alias; default {@link #defaultRooms(String)} of the server name. */
        public Builder rooms(Map<String, String> logicalToAlias) {
            this.rooms = new LinkedHashMap<>(logicalToAlias);
            return this;
        }

        public Builder timelineLimit(int n) {
            this.timelineLimit = n;
            return this;
        }

        public Builder syncTimeout(Duration d) {
            this.syncTimeout = d;
            return this;
        }

        public MatrixChatConfig build() {
            String id = userId != null ? userId : "@" + agentName + ":" + serverName;
            return new MatrixChatConfig(client, agentName, id, password,
                    deviceId != null ? deviceId : "AGENTKIT_" + agentName.toUpperCase(Locale.ROOT),
                    displayName != null ? displayName : agentName, agentAccounts, commanders, commandPowerLevel,
                    rooms != null ? rooms : defaultRooms(serverName), timelineLimit, syncTimeout);
        }
    }
}
