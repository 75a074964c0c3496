package dev.supportdesk.local.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.UUID;

/**
 * The local app's secrets, created in the data directory on first start and reused afterwards: an
 * RSA key that signs and verifies local JWTs, and an HMAC key that signs upload URLs.
 */
public final class LocalKeys {

    private static final String JWT_KEY_FILE = "jwt-signing-key.json";
    private static final String UPLOAD_KEY_FILE = "upload-signing.key";

    private final RSAKey signingKey;
    private final byte[] uploadSigningKey;

    private LocalKeys(RSAKey signingKey, byte[] uploadSigningKey) {
        this.signingKey = signingKey;
        this.uploadSigningKey = uploadSigningKey;
    }

    public static LocalKeys loadOrCreate(Path folder) {
        try {
            return new LocalKeys(jwtKey(folder.resolve(JWT_KEY_FILE)), uploadKey(folder.resolve(UPLOAD_KEY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local keys in " + folder, e);
        }
    }

    private static RSAKey jwtKey(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                return RSAKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IllegalStateException("the local JWT key " + file + " is corrupt; delete it to create a new one", e);
            }
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            writeSecret(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static byte[] uploadKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readAllBytes(file);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        writeSecret(file, key);
        return key;
    }

    private static void writeSecret(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the folder's ACL.
        }
        Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public JWKSource<SecurityContext> verificationKeys() {
        return new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK()));
    }

    public byte[] uploadSigningKey() {
        return uploadSigningKey.clone();
    }
}
