package dev.agentkit.cli.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of {@code agentkit.yaml}: a key whose name says it holds one (password,
 * token, secret, API key, credentials, NKey seed, private key) or a value that looks like one (a
 * URL with a password, an NKey seed, a PEM block, a provider key such as {@code sk-...}) is
 * refused with its line and the environment variable to use instead. The file is meant to be
 * committed; credentials come from the environment, as {@code NatsConnectionConfig.fromEnvironment()}
 * reads them. Used by {@link TeamFile} before anything else is read.
 */
final class SecretGuard {
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|creds|nkey|seed).*");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@.*");
    private static final Pattern NKEY_SEED = Pattern.compile("^S[A-Z][A-Z2-7]{50,}$");
    private static final Pattern PROVIDER_KEY = Pattern.compile("^(sk-|xox[abp]-|ghp_|github_pat_|AKIA)[A-Za-z0-9_-]{8,}.*");

    private static final String WHERE = "secrets never go in agentkit.yaml (it is meant to be committed): set them in the"
            + " environment, e.g. NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS, NATS_NKEY, AGENTKIT_MATRIX_PASSWORD,"
            + " ANTHROPIC_API_KEY";

    private SecretGuard() {
    }

    /** Fails at the first key or value under {@code node} that looks like a secret. */
    static void check(YamlNode node) {
        switch (node.type()) {
            case MAP -> {
                for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
                    if (SECRET_KEY.matcher(e.getKey()).matches()) {
                        throw e.getValue().fail("looks like a secret; " + WHERE);
                    }
                    check(e.getValue());
                }
            }
            case LIST -> node.items().forEach(SecretGuard::check);
            case SCALAR -> {
                String v = node.text().strip();
                if (URL_WITH_PASSWORD.matcher(v).matches() || NKEY_SEED.matcher(v).matches()
                        || PROVIDER_KEY.matcher(v).matches() || v.contains("-----BEGIN")) {
                    throw node.fail("the value looks like a secret (not shown); " + WHERE);
                }
            }
            case NULL -> {
            }
        }
    }
}
