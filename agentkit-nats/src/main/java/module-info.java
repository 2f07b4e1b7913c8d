/**
 * agentkit-nats: the broker on NATS JetStream, provisioning, the KV stores, lease and lock, the
 * max-deliveries watcher and the connection config. Exports its API packages, not
 * {@code dev.agentkit.nats.internal}. On the class path this descriptor is ignored.
 */
// jnats names itself (Automatic-Module-Name io.nats.jnats) but has no descriptor of its own, and
// this API hands out its Connection: a requires transitive of an automatic module, on purpose.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.agentkit.nats {
    requires transitive dev.agentkit.core;
    requires transitive io.nats.jnats;

    exports dev.agentkit.nats;
    exports dev.agentkit.nats.connect;
    exports dev.agentkit.nats.deadletter;
    exports dev.agentkit.nats.kv;
}
