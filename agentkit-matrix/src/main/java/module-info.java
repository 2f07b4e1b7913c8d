/**
 * agentkit-matrix: the team chat on Matrix ({@code MatrixChatPort}) and the Matrix client it is
 * made of. Exports its two API packages; on the class path this descriptor is ignored.
 */
module dev.agentkit.matrix {
    requires transitive dev.agentkit.core;
    requires java.net.http;

    exports dev.agentkit.matrix;
    exports dev.agentkit.matrix.client;
}
