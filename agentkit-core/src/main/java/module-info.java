/**
 * agentkit core: the domain and SPIs of agentkit (envelopes, the broker SPI, topology, the turn
 * cycle, stores, oversight). Exports only the API packages; the {@code dev.agentkit.core.internal}
 * packages are exported to agentkit's own modules alone, are not API and may change without
 * notice. On the class path (how most applications run) this descriptor is ignored; the
 * exported-types list in {@code agentkit-core/README.md} is the same boundary.
 */
@SuppressWarnings("module") // the qualified exports name agentkit modules built after this one
module dev.agentkit.core {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.slf4j;

    uses com.fasterxml.jackson.databind.Module;

    exports dev.agentkit.core;
    exports dev.agentkit.core.agent;
    exports dev.agentkit.core.broker;
    exports dev.agentkit.core.budget;
    exports dev.agentkit.core.chat;
    exports dev.agentkit.core.message;
    exports dev.agentkit.core.oversight;
    exports dev.agentkit.core.routing;
    exports dev.agentkit.core.schedule;
    exports dev.agentkit.core.store;
    exports dev.agentkit.core.time;
    exports dev.agentkit.core.topology;
    exports dev.agentkit.core.turn;
    exports dev.agentkit.core.worker;
    exports dev.agentkit.core.workspace;

    // Each internal package only to the agentkit modules that use it (their tests, compiled into
    // the module, included); a module that needs one more is added here (javac names the missing
    // export). Not API, see agentkit-core/README.md.
    exports dev.agentkit.core.internal.broker to dev.agentkit.nats, dev.agentkit.testing;
    exports dev.agentkit.core.internal.message to dev.agentkit.nats, dev.agentkit.matrix, dev.agentkit.routing,
            dev.agentkit.protocol, dev.agentkit.testing.servers, dev.agentkit.cli;
    exports dev.agentkit.core.internal.oversight to dev.agentkit.nats, dev.agentkit.matrix, dev.agentkit.routing,
            dev.agentkit.cli;
    exports dev.agentkit.core.internal.store to dev.agentkit.nats;
    exports dev.agentkit.core.internal.topology to dev.agentkit.nats, dev.agentkit.matrix, dev.agentkit.routing,
            dev.agentkit.testing;

    // Jackson binds agentkit's own stored records (pending chat posts, ledger and index entries)
    opens dev.agentkit.core.turn to com.fasterxml.jackson.databind;
    opens dev.agentkit.core.internal.budget to com.fasterxml.jackson.databind;
    opens dev.agentkit.core.internal.oversight to com.fasterxml.jackson.databind;
}
