package dev.agentkit.otel;

import dev.agentkit.core.apicheck.ExportedTypes;
import org.junit.jupiter.api.Test;

/**
 * agentkit-otel's API is the checked-in list {@code exported-types.txt}: a public type added or removed
 * outside an {@code internal} package fails here until the list says so.
 */
class ExportedTypesTest {

    @Test
    void thePublicTypesOutsideInternalPackagesAreTheListedOnes() {
        ExportedTypes.assertListed(AgentkitTelemetry.class, ExportedTypesTest.class);
    }
}
