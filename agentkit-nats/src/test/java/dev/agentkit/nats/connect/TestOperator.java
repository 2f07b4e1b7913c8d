package dev.agentkit.nats.connect;

import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A throwaway NATS operator for integration tests of JWT ({@code .creds}) authentication: an
 * operator, its system account and one account with JetStream, all as signed JWTs that a
 * nats-server in operator mode preloads ({@code resolver: MEMORY}); it issues {@code .creds}
 * files for users of that account. Claims are the minimal JSON of nats' JWT v2.
 */
final class TestOperator {
    private static final String NO_LIMITS = "\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
            + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1";
    private static final String JETSTREAM_LIMITS = ",\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,"
            + "\"consumer\":-1,\"max_ack_pending\":-1";

    private final NKey operator;
    private final NKey system;
    private final NKey account;

    private TestOperator() throws GeneralSecurityException, IOException {
        operator = NKey.createOperator(null);
        system = NKey.createAccount(null);
        account = NKey.createAccount(null);
    }

    static TestOperator create() throws GeneralSecurityException, IOException {
        return new TestOperator();
    }

    /** The lines that put a nats-server in operator mode, knowing the system account and the JetStream account. */
    List<String> serverConfig() throws GeneralSecurityException, IOException {
        String operatorJwt = sign(publicKey(operator), "test-operator",
                "{\"system_account\":\"" + publicKey(system) + "\",\"type\":\"operator\",\"version\":2}");
        return List.of("operator: " + operatorJwt, "resolver: MEMORY",
                "resolver_preload: { " + publicKey(system) + ": " + accountJwt(system, "SYS", "") + ", "
                        + publicKey(account) + ": " + accountJwt(account, "agents", JETSTREAM_LIMITS) + " }");
    }

    /** A {@code .creds} file for a new user {@code name} of the JetStream account. */
    Path writeUserCreds(Path file, String name) throws GeneralSecurityException, IOException {
        return writeCreds(file, account, name);
    }

    /** A {@code .creds} file for a user of an account this operator never signed (the server refuses it). */
    static Path writeStrangerCreds(Path file) throws GeneralSecurityException, IOException {
        return writeCreds(file, NKey.createAccount(null), "stranger");
    }

    private static Path writeCreds(Path file, NKey issuer, String name) throws GeneralSecurityException, IOException {
        NKey user = NKey.createUser(null);
        String jwt = JwtUtils.issueUserJWT(issuer, publicKey(issuer), publicKey(user), name);
        return Files.writeString(file, String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed())));
    }

    private String accountJwt(NKey key, String name, String extraLimits) throws GeneralSecurityException, IOException {
        return sign(publicKey(key), name,
                "{\"limits\":{" + NO_LIMITS + extraLimits + "},\"type\":\"account\",\"version\":2}");
    }

    /** A JWT about {@code subject}, issued and signed by the operator (also for the operator itself). */
    private String sign(String subject, String name, String natsClaim)
            throws GeneralSecurityException, IOException {
        JsonSerializable claim = () -> natsClaim;
        return JwtUtils.issueJWT(operator, subject, name, null, JwtUtils.currentTimeSeconds(), publicKey(operator), claim);
    }

    private static String publicKey(NKey key) throws GeneralSecurityException, IOException {
        return new String(key.getPublicKey());
    }
}
