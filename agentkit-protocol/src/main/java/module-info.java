/**
 * agentkit-protocol: agentkit agents as Synadia Agent Protocol agents on NATS (the host) and
 * protocol agents as agentkit workers (the worker, discovery and calls). Exports its API package,
 * not {@code dev.agentkit.protocol.internal}. On the class path this descriptor is ignored.
 */
// jnats names itself (Automatic-Module-Name io.nats.jnats) but has no descriptor of its own, and
// this API takes its Connection: a requires transitive of an automatic module, on purpose.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.agentkit.protocol {
    requires transitive dev.agentkit.core;
    requires transitive io.nats.jnats;

    exports dev.agentkit.protocol;
}
