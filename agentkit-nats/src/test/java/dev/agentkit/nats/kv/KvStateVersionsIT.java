package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.store.StateStore;
import dev.agentkit.nats.RealNatsSupport;
import org.junit.jupiter.api.Test;

/**
 * The KV state store's conditional put on a real server, from two connections: the fence of the
 * turn's state. Versions are KV revisions.
 */
class KvStateVersionsIT extends RealNatsSupport {

    @Test
    void onlyAPutAtTheRevisionReadWinsAcrossProcesses() {
        String bucket = unique("state");
        KvStateStore one = KvStateStore.open(connect(), bucket);
        KvStateStore two = KvStateStore.open(connect(), bucket);
        long created = one.putIfVersion("agent.roy", "{\"turn.count\":\"1\"}", StateStore.ABSENT).orElseThrow();
        assertThat(two.putIfVersion("agent.roy", "{\"turn.count\":\"1\"}", StateStore.ABSENT))
                .as("two processes claiming the same turn: one wins").isEmpty();

        StateStore.Versioned read = two.getVersioned("agent.roy").orElseThrow();
        assertThat(read.version()).isEqualTo(created);
        long claimed = two.putIfVersion("agent.roy", "{\"turn.count\":\"2\"}", read.version()).orElseThrow();
        assertThat(one.putIfVersion("agent.roy", "{\"turn.count\":\"1\",\"late\":\"x\"}", created))
                .as("the turn that lost its lease does not overwrite").isEmpty();
        assertThat(one.get("agent.roy")).contains("{\"turn.count\":\"2\"}");
        assertThat(one.getVersioned("agent.roy").orElseThrow().version()).isEqualTo(claimed);

        one.delete("agent.roy");
        assertThat(one.putIfVersion("agent.roy", "{}", StateStore.ABSENT)).as("created again after a delete").isPresent();
    }
}
