package dev.agentkit.nats;

import dev.agentkit.core.apicheck.ExportedTypes;
import org.junit.jupiter.api.Test;

/**
 * agentkit-nats's API is the checked-in list {@code exported-types.txt}: a public type added or removed
 * outside an {@code internal} package fails here until the list says so.
 */
class ExportedTypesTest {

    @Test
    void thePublicTypesOutsideInternalPackagesAreTheListedOnes() {
        ExportedTypes.assertListed(JetStreamBroker.class, ExportedTypesTest.class);
    }
}
