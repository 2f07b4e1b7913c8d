package dev.agentkit.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.topology.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectsTest {
    @ParameterizedTest
    @CsvSource({
        "work.requirements.>, work.requirements.backend, true",
        "work.requirements.>, work.requirements.backend.urgent, true",
        "work.requirements.>, work.requirements, false",
        "work.*.backend, work.requirements.backend, true",
        "work.*.backend, work.requirements.frontend, false",
        "work.direct.roy, work.direct.roy, true",
        "work.direct.roy, work.direct.roy.x, false",
        "*, a, true",
        "*, a.b, false",
        ">, a.b.c, true"
    })
    void wildcardsMatchAsNatsDoes(String pattern, String subject, boolean matches) {
        assertThat(Subjects.matches(pattern, subject)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
        "a.>, a.b, true",
        "a.>, a, false",
        "a.*, a.b.c, false",
        "a.*.c, a.b.*, true",
        "a.b, a.c, false",
        "a.>, b.>, false",
        "work.requirements.>, work.>, true"
    })
    void overlapIsDecidedAsJetStreamDoes(String a, String b, boolean overlap) {
        assertThat(Subjects.overlap(a, b)).isEqualTo(overlap);
        assertThat(Subjects.overlap(b, a)).isEqualTo(overlap);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", ".a", "a.", "a b", "a.>.b", "a.b*", "a.>x"})
    void invalidSubjectsAreRefusedByName(String subject) {
        assertThatThrownBy(() -> Subjects.requireValid("filter", subject))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter");
    }
}
