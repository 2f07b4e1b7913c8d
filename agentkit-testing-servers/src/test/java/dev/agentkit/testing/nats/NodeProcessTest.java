package dev.agentkit.testing.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeProcessTest {
    private final List<ClusterNode> nodes = List.of(
            new ClusterNode(0, "n1", 4001, 6001, Path.of("/tmp/c/n1-store")),
            new ClusterNode(1, "n2", 4002, 6002, Path.of("/tmp/c/n2-store")));

    @Test
    void aNodesConfigurationListensOnLoopbackWithItsOwnStoreAndRoutesToEveryNode() {
        String config = NodeProcess.configText(nodes.get(1), "agentkit-x", nodes);

        assertThat(config).contains("server_name: n2\n", "listen: 127.0.0.1:4002\n",
                "store_dir: \"/tmp/c/n2-store\"", "name: agentkit-x\n", "listen: 127.0.0.1:6002\n",
                "routes: [nats-route://127.0.0.1:6001, nats-route://127.0.0.1:6002]");
    }

    @Test
    void aNodeNamesItsClientAndRouteUrlsOnLoopback() {
        assertThat(nodes.get(0).url()).isEqualTo("nats://127.0.0.1:4001");
        assertThat(nodes.get(0).routeUrl()).isEqualTo("nats-route://127.0.0.1:6001");
        assertThat(nodes.get(0)).hasToString("n1 (nats://127.0.0.1:4001)");
    }
}
