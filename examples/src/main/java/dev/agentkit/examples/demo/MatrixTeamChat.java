package dev.agentkit.examples.demo;

import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.matrix.MatrixRooms;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.MessagesQuery;
import dev.agentkit.matrix.client.PasswordLogin;
import dev.agentkit.matrix.client.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The team's chat on a Matrix homeserver: the human logs in and provisions the rooms, each
 * agent gets a {@link MatrixChatPort} on its own account, and room logs are read back with
 * {@code /messages}. Accounts must exist; their passwords come from {@code passwords}.
 */
final class MatrixTeamChat implements TeamChat {
    private final URI homeserver;
    private final String serverName;
    private final Function<String, Secret> passwords;
    private final List<String> agents;
    private final MatrixClient human;
    private final Map<String, String> roomIds;

    MatrixTeamChat(URI homeserver, String serverName, List<String> agents, Function<String, Secret> passwords) {
        this.homeserver = homeserver;
        this.serverName = serverName;
        this.passwords = passwords;
        this.agents = List.copyOf(agents);
        this.human = MatrixClient.login(MatrixClientConfig.of(homeserver), new PasswordLogin(userId(TeamWorld.HUMAN),
                passwords.apply(TeamWorld.HUMAN), "AGENTKIT_DEMO_HUMAN", "agentkit demo human"));
        List<String> invite = new ArrayList<>();
        agents.forEach(a -> invite.add(userId(a)));
        this.roomIds = MatrixRooms.provision(human, MatrixChatConfig.defaultRooms(serverName), invite);
    }

    private String userId(String localpart) {
        return "@" + localpart + ":" + serverName;
    }

    @Override
    public ChatPort seat(String name) {
        return new MatrixChatPort(MatrixChatConfig.builder(homeserver, name, passwords.apply(name))
                .serverName(serverName)
                .agentAccounts(agents.stream().map(this::userId).toList())
                .commanders(List.of(userId(TeamWorld.HUMAN)))
                .build());
    }

    @Override
    public void humanSays(String room, String text) {
        human.sendText(roomIds.get(room), text, "demo." + room + "." + Integer.toHexString(text.hashCode()));
    }

    @Override
    public List<String> roomLog(String room) {
        List<String> lines = new ArrayList<>();
        human.messages(roomIds.get(room), MessagesQuery.latest(100)).chunk().stream()
                .filter(e -> "m.room.message".equals(e.type()))
                .forEach(e -> lines.add(TeamChat.line(e.sender(), e.body())));
        Collections.reverse(lines);
        return lines;
    }

    @Override
    public void close() {
    }
}
