package dev.agentkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"NATS_TOKEN", "NATS_PASSWORD", "ANTHROPIC_API_KEY", "OPENAI_APIKEY", "AWS_SECRET_ACCESS_KEY",
        "NATS_CREDS", "NATS_NKEY", "NKEY_SEED", "MATRIX_ACCESS_TOKEN", "GITHUB_PAT", "db_password", "ssh-key",
        "GOOGLE_APPLICATION_CREDENTIALS", "GPG_PASSPHRASE", "PRIVATE_KEY_FILE", "NATS_JWT", "SMTP_PASS", "basicAuth.PASSWD"})
    void namesThatLookSecret(String name) {
        assertThat(Redactor.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "HOME", "PWD", "OLDPWD", "USER", "LANG", "KEYBOARD", "NATS_URL", "TERM", "PATCH_LEVEL",
        "PASSING_GRADE", "AUTHOR"})
    void namesThatDoNot(String name) {
        assertThat(Redactor.looksSecret(name)).isFalse();
    }

    @Test
    void everyOccurrenceOfEverySecretIsReplaced() {
        Redactor r = Redactor.of("s3cret-1", "hunter22");

        assertThat(r.redact("a s3cret-1 b hunter22 c s3cret-1")).isEqualTo("a [redacted] b [redacted] c [redacted]");
        assertThat(r.redact("nothing here")).isEqualTo("nothing here");
        assertThat(r.redact(null)).isNull();
    }

    @Test
    void overlappingAndAdjacentSecretsLeaveNoPartBehind() {
        Redactor r = Redactor.of("abcdef", "defghi", "wxyz");

        assertThat(r.redact("1abcdefghi2")).isEqualTo("1[redacted]2");
        assertThat(r.redact("xabcdefwxyzx")).isEqualTo("x[redacted]x");
        assertThat(Redactor.of("aaaa").redact("aaaaaa!")).isEqualTo("[redacted]!");
    }

    @Test
    void aSecretThatContainsAnotherIsReplacedWhole() {
        assertThat(Redactor.of("token", "my-token-value").redact("[my-token-value]")).isEqualTo("[[redacted]]");
    }

    @Test
    void theEnvironmentGivesTheValuesOfNamesThatLookSecretAndLongEnough() {
        Redactor r = Redactor.fromEnvironment(Map.of("NATS_TOKEN", "t0k3n-abc", "HOME", "/home/roy", "API_KEY", "abc",
                "NATS_PASSWORD", "pa55word"));

        assertThat(r.redact("t0k3n-abc /home/roy abc pa55word")).isEqualTo("[redacted] /home/roy abc [redacted]");
        assertThat(Redactor.fromEnvironment(Map.of("HOME", "/home/roy")).isEmpty()).isTrue();
    }

    @Test
    void aMultiLineSecretIsKnownLineByLineToo() {
        Redactor r = Redactor.fromEnvironment(Map.of("NATS_NKEY_SEED", "-----BEGIN-----\nSUAMLK2ZNL35WSMW\n  ab\n"));

        assertThat(r.redact("seed: SUAMLK2ZNL35WSMW")).isEqualTo("seed: [redacted]");
        assertThat(r.redact("-----BEGIN-----")).isEqualTo("[redacted]");
        assertThat(r.redact("ab")).as("too short a line is no secret of its own").isEqualTo("ab");
    }

    @Test
    void cuttingTextRedactsASecretTheCutSplits() {
        Redactor r = Redactor.of("SECRET-VALUE");
        String text = "0123456789SECRET-VALUE tail";

        assertThat(r.lookahead()).isEqualTo(11);
        assertThat(r.redact(text, 14)).isEqualTo("0123456789[redacted]");
        assertThat(r.redact(text, 10)).isEqualTo("0123456789");
        assertThat(r.redact(text, 100)).isEqualTo("0123456789[redacted] tail");
    }

    @Test
    void combinedRedactorsKnowBothAndNoneKnowsNothing() {
        Redactor both = Redactor.of("first-secret").and(Redactor.of("second-secret"));

        assertThat(both.redact("first-secret second-secret")).isEqualTo("[redacted] [redacted]");
        assertThat(Redactor.none().redact("first-secret")).isEqualTo("first-secret");
        assertThat(Redactor.none().isEmpty()).isTrue();
        assertThat(Redactor.none().lookahead()).isZero();
    }

    @Test
    void tooShortASecretIsRefusedAndToStringShowsNoValue() {
        assertThatThrownBy(() -> Redactor.of("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abc");
        assertThat(Redactor.of("very-secret-value")).hasToString("Redactor[1 secret(s)]");
    }
}
