package dev.agentkit.nats.connect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway certificate authority for TLS integration tests, in plain Java (a minimal DER
 * writer, EC P-256 keys, SHA256withECDSA): issues server certificates for 127.0.0.1/localhost and
 * client certificates, and writes them as PEM files for nats-server or PKCS12 stores for jnats.
 */
final class TestCertificates {
    private static final String EC_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        /** Writes the certificate as PEM. */
        Path writeCertificatePem(Path file) throws IOException {
            return writePem(file, "CERTIFICATE", encoded(certificate));
        }

        /** Writes the private key as unencrypted PKCS#8 PEM. */
        Path writeKeyPem(Path file) throws IOException {
            return writePem(file, "PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    private final Issued ca;

    private TestCertificates(Issued ca) {
        this.ca = ca;
    }

    /** A new self-signed CA named {@code name}. */
    static TestCertificates newAuthority(String name) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        byte[] extensions = seq(
                extension(BASIC_CONSTRAINTS, true, seq(tlv(0x01, new byte[] {(byte) 0xFF}))),
                extension(KEY_USAGE, true, tlv(0x03, new byte[] {1, 0x06}))); // keyCertSign, cRLSign
        return new TestCertificates(new Issued(keys, sign(name, keys, name(name), keys.getPrivate(), extensions)));
    }

    /** The CA's own certificate. */
    X509Certificate certificate() {
        return ca.certificate();
    }

    /** Writes the CA's certificate as PEM (nats-server's {@code ca_file}). */
    Path writeCertificatePem(Path file) throws IOException {
        return ca.writeCertificatePem(file);
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}. */
    Issued issueServer(String name) throws GeneralSecurityException {
        byte[] altNames = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), tlv(0x87, new byte[] {127, 0, 0, 1}));
        return issue(name, seq(leafConstraints(), extension(SUBJECT_ALT_NAME, false, altNames)));
    }

    /** A client certificate (for mutual TLS). */
    Issued issueClient(String name) throws GeneralSecurityException {
        return issue(name, seq(leafConstraints()));
    }

    /** A PKCS12 store trusting this CA. */
    Path writeTruststore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", ca.certificate());
        return save(store, file, password);
    }

    /** A PKCS12 store holding {@code client}'s key and its chain up to this CA. */
    Path writeKeystore(Path file, char[] password, Issued client) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("client", client.keys().getPrivate(), password,
                new Certificate[] {client.certificate(), ca.certificate()});
        return save(store, file, password);
    }

    private Issued issue(String name, byte[] extensions) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        return new Issued(keys, sign(name, keys, ca.certificate().getSubjectX500Principal().getEncoded(),
                ca.keys().getPrivate(), extensions));
    }

    private static byte[] leafConstraints() {
        return extension(BASIC_CONSTRAINTS, true, seq());
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, byte[] issuer, PrivateKey issuerKey,
                                        byte[] extensions) throws GeneralSecurityException {
        byte[] algorithm = seq(oid(EC_WITH_SHA256));
        Instant now = Instant.now();
        byte[] tbs = seq(
                tlv(0xA0, tlv(0x02, BigInteger.TWO.toByteArray())),
                tlv(0x02, BigInteger.valueOf(SERIAL.incrementAndGet()).toByteArray()),
                algorithm,
                issuer,
                seq(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofDays(1)))),
                name(subject),
                subjectKeys.getPublic().getEncoded(),
                tlv(0xA3, extensions));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] der = seq(tbs, algorithm, bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Path save(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    // --- a minimal DER writer: just what a certificate needs ---

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? seq(oid(oid), tlv(0x01, new byte[] {(byte) 0xFF}), tlv(0x04, value))
                : seq(oid(oid), tlv(0x04, value));
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] utcTime(Instant t) {
        String text = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
        return tlv(0x17, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int shift = (63 - Long.numberOfLeadingZeros(Math.max(arc, 1))) / 7 * 7;
            for (; shift > 0; shift -= 7) {
                out.write((int) ((arc >> shift) & 0x7F) | 0x80);
            }
            out.write((int) (arc & 0x7F));
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
