package dev.agentkit.matrix;

import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.testing.chat.ChatContract;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the chat contract against {@link MatrixChatPort} on a real Synapse, each test in fresh
 * rooms. A small timeline limit makes the burst test go through the {@code /messages} backfill;
 * the outage test stops and restarts the shared Synapse.
 */
@ExtendWith(SynapseExtension.class)
class MatrixChatContractIT extends ChatContract {
    @RegisterExtension
    static final TokenLeakCheck LEAKS = new TokenLeakCheck();

    private MatrixWorld world;
    private SynapseServer synapse;

    @BeforeEach
    void newWorld(SynapseServer server) {
        synapse = server;
        world = new MatrixWorld(server, LEAKS, Rooms.GENERAL, Rooms.BACKEND);
    }

    @Override
    protected void chatGoesDown() {
        synapse.stop();
    }

    @Override
    protected void chatComesBack() {
        synapse.start();
    }

    @Override
    protected ChatPort newPort(String agent) {
        return new MatrixChatPort(world.config(agent).timelineLimit(5).build());
    }

    @Override
    protected void commanderSays(String room, String text) {
        world.say(MatrixWorld.ALICE, room, text);
    }

    @Override
    protected void commanderMentions(String room, String agent, String text) {
        world.mention(MatrixWorld.ALICE, room, agent, text);
    }

    @Override
    protected void strangerSays(String room, String text) {
        world.say(MatrixWorld.MALLORY, room, text);
    }

    @Override
    protected String commanderId() {
        return world.id(MatrixWorld.ALICE);
    }

    @Override
    protected String userIdOf(String agent) {
        return world.id(agent);
    }
}
