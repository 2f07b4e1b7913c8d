/**
 * agentkit-routing: routers (tags, files, a language model), the Anthropic client, the roadmap
 * reader and the drainer that puts requirements on the agents' queues. Exports its API packages;
 * on the class path this descriptor is ignored.
 */
module dev.agentkit.routing {
    requires transitive dev.agentkit.core;
    requires java.net.http;

    exports dev.agentkit.routing;
    exports dev.agentkit.routing.anthropic;
    exports dev.agentkit.routing.drain;
    exports dev.agentkit.routing.llm;
    exports dev.agentkit.routing.roadmap;
    exports dev.agentkit.routing.work;
}
