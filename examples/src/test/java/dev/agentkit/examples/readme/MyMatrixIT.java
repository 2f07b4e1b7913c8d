package dev.agentkit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.matrix.SynapseUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** agentkit-matrix's README, the Synapse fixture, run as it stands (checked by ReadmeSnippetsTest). */
@ExtendWith(SynapseExtension.class)
class MyMatrixIT {
    @Test
    void talksToAHuman(SynapseServer synapse) {
        SynapseUser alice = synapse.user("alice");          // registered once, by shared secret
        SynapseUser roy = synapse.user("roy");
        // MatrixClient.withAccessToken(MatrixClientConfig.of(synapse.baseUrl()), Secret.of(alice.accessToken()))
        // new MatrixChatPort(MatrixChatConfig.builder(synapse.baseUrl(), "roy", Secret.of(roy.password()))...)
        assertThat(alice.accessToken()).isNotBlank();                                   // (not in the README)
        assertThat(roy.userId()).isEqualTo(synapse.userId("roy"));                      // (not in the README)
    }
}
