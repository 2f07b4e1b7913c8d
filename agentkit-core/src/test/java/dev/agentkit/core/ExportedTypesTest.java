package dev.agentkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.apicheck.ExportedTypes;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Core's API is the checked-in list {@code exported-types.txt}: a public type added or removed
 * outside {@code dev.agentkit.core.internal} fails here until the list says so, and the module
 * descriptor exports exactly the packages of the listed types (internal packages only to agentkit's
 * own modules).
 */
class ExportedTypesTest {

    @Test
    void thePublicTypesOutsideInternalPackagesAreTheListedOnes() {
        ExportedTypes.assertListed(AgentkitException.class, ExportedTypesTest.class);
    }

    @Test
    void theModuleExportsThePackagesOfTheListedTypesAndInternalsOnlyToAgentkit() {
        ModuleDescriptor module = ExportedTypes.descriptorOf(AgentkitException.class);
        assertThat(module).as("agentkit-core's module-info").isNotNull();
        assertThat(module.exports().stream().filter(e -> !e.isQualified()).map(Exports::source)
                .collect(Collectors.toSet()))
                .isEqualTo(ExportedTypes.packagesOf(ExportedTypes.listed(ExportedTypesTest.class)));
        assertThat(module.exports().stream().filter(Exports::isQualified))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(ExportedTypes.isInternal(e.source())).as(e.source()).isTrue();
                    assertThat(e.targets()).allMatch(t -> t.startsWith("dev.agentkit."));
                });
    }
}
