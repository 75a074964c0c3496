package dev.supportdesk.azure;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.supportdesk.identity.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;

/**
 * The identity provider of the tests: an RSA key that signs tokens, and its public JWKS served over
 * HTTP on loopback, so the adapter fetches keys exactly as it does from Entra ID or any OIDC provider.
 */
final class TestTokens {

    static final String ISSUER = "https://login.supportdesk.test/tenant/v2.0";
    static final String AUDIENCE = "api://supportdesk";
    private static final RSAKey KEY = generate();
    private static String jwksUri;

    private TestTokens() {
    }

    static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server.createContext("/discovery/v2.0/keys", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/discovery/v2.0/keys";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwksUri;
    }

    static String token(String subject, String tenant, Role... roles) {
        return sign(KEY, ISSUER, subject, tenant, roles);
    }

    /** Signed by a key the JWKS does not publish. */
    static String forgedToken(String subject, String tenant, Role... roles) {
        return sign(generate(), ISSUER, subject, tenant, roles);
    }

    static String tokenFromIssuer(String issuer, String subject, String tenant, Role... roles) {
        return sign(KEY, issuer, subject, tenant, roles);
    }

    private static String sign(RSAKey key, String issuer, String subject, String tenant, Role... roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE).subject(subject)
                .claim("tenant", tenant)
                .claim("roles", Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT)).toList())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
