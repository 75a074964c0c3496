package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.LocalKeys;
import dev.supportdesk.local.tokens.TokenMinter;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tokens the local app must refuse, and the token-minting endpoint. Everything over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/tokens-${random.uuid}")
class LocalTokenSecurityTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalKeys keys;

    @Autowired
    TokenMinter minter;

    private HttpResponse listTickets(String authorization) {
        HttpRequest.Builder request = HttpRequest.builder("GET", "/tickets");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return LocalHttp.send(port, request.build());
    }

    private void assertRefused(String token, String detail) {
        HttpResponse response = listTickets("Bearer " + token);
        assertThat(response.status()).as(response.bodyText()).isEqualTo(401);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).containsIgnoringCase(detail);
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("supportdesk-local").audience("supportdesk-api").subject("mallory")
                .claim("tenant", "acme").claim("roles", List.of("admin"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aMintedTokenIsAccepted() {
        String token = minter.mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(5)).token();
        assertThat(listTickets("Bearer " + token).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        assertRefused(sign(validClaims().build(), foreign), "signature");
    }

    @Test
    void unsignedAlgNoneTokensAreRefused() {
        assertRefused(new PlainJWT(validClaims().build()).serialize(), "unsigned");
    }

    @Test
    void aSignedTokenWithItsSignatureStrippedIsRefused() throws Exception {
        String token = sign(validClaims().build(), keys.signingKey());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String[] parts = token.split("\\.");
        assertRefused(header + "." + parts[1] + ".", "unsigned");
    }

    @Test
    void symmetricTokensKeyedWithThePublicKeyAreRefused() throws Exception {
        byte[] publicKeyAsSecret = keys.signingKey().toPublicJWK().toJSONString().getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), validClaims().build());
        jwt.sign(new MACSigner(publicKeyAsSecret));
        assertRefused(jwt.serialize(), "signature");
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        JWTClaimsSet claims = validClaims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build();
        assertRefused(sign(claims, keys.signingKey()), "expired");
    }

    @Test
    void wrongAudienceOrIssuerIsRefused() throws Exception {
        assertRefused(sign(validClaims().audience("someone-else").build(), keys.signingKey()), "aud");
        assertRefused(sign(validClaims().issuer("https://evil.example").build(), keys.signingKey()), "iss");
    }

    @Test
    void tokensWithoutTenantOrRolesAreRefused() throws Exception {
        assertRefused(sign(validClaims().claim("tenant", null).build(), keys.signingKey()), "tenant");
        assertRefused(sign(validClaims().claim("roles", List.of("superuser")).build(), keys.signingKey()), "roles");
        assertRefused(sign(validClaims().claim("tenant", "../other").build(), keys.signingKey()), "tenant");
    }

    @Test
    void garbageAndOtherSchemesAreRefused() {
        assertRefused("not.a.jwt", "well-formed");
        HttpResponse basic = listTickets("Basic YWxpY2U6c2VjcmV0");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.bodyText()).contains("Bearer scheme");
    }

    @Test
    void theTokenEndpointMintsVerifiableTokens() {
        HttpResponse minted = LocalHttp.send(port, HttpRequest.builder("POST", "/local/tokens")
                .jsonBody("{\"subject\":\"agent-7\",\"tenant\":\"acme\",\"roles\":[\"agent\"],\"validitySeconds\":120}")
                .build());
        assertThat(minted.status()).as(minted.bodyText()).isEqualTo(201);
        String token = minted.bodyText().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(listTickets("Bearer " + token).status()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointRejectsBadRequests() {
        HttpResponse unknownRole = LocalHttp.send(port, HttpRequest.builder("POST", "/local/tokens")
                .jsonBody("{\"subject\":\"x\",\"tenant\":\"acme\",\"roles\":[\"root\"]}").build());
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.bodyText()).contains("CUSTOMER, AGENT, ADMIN");
        HttpResponse tooLong = LocalHttp.send(port, HttpRequest.builder("POST", "/local/tokens")
                .jsonBody("{\"subject\":\"x\",\"tenant\":\"acme\",\"roles\":[\"agent\"],\"validitySeconds\":99999999}").build());
        assertThat(tooLong.status()).isEqualTo(400);
        HttpResponse badTenant = LocalHttp.send(port, HttpRequest.builder("POST", "/local/tokens")
                .jsonBody("{\"subject\":\"x\",\"tenant\":\"a/b\",\"roles\":[\"agent\"]}").build());
        assertThat(badTenant.status()).isEqualTo(400);
        assertThat(badTenant.bodyText()).contains("would be refused");
    }

    private RawHttp.Reply mintWithHost(String host) {
        String body = "{\"subject\":\"eve\",\"tenant\":\"acme\",\"roles\":[\"admin\"]}";
        return RawHttp.send(port, "POST /local/tokens HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);
    }

    @Test
    void tokensAreMintedOnlyForRequestsNamingALoopbackHost() {
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "127.0.0.1", "[::1]:" + port, "LOCALHOST")) {
            assertThat(mintWithHost(host).status()).as(host).isEqualTo(201);
        }
        for (String host : List.of("evil.example", "evil.example:" + port, "localhost.evil.example", "127.0.0.1.nip.io",
                "10.0.0.1:" + port, "localhost:80@evil", "[::ffff:10.0.0.1]", "")) {
            RawHttp.Reply reply = mintWithHost(host);
            assertThat(reply.status()).as(host + " " + reply).isIn(400, 403);
            assertThat(reply.header("Content-Type")).as(host).startsWith("application/problem+json");
            assertThat(reply.body()).as(host).doesNotContain("\"token\"");
        }
    }

    @Test
    void theGuardRefusesPeersThatAreNotLoopback() {
        dev.supportdesk.local.http.TokenEndpointGuard guard = new dev.supportdesk.local.http.TokenEndpointGuard(true, false);
        guard.check("127.0.0.1", "localhost");
        guard.check("0:0:0:0:0:0:0:1", "[::1]:8080");
        for (String peer : List.of("10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", "fe80::1", "", "localhost")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check(peer, "localhost"))
                    .as(peer).isInstanceOf(dev.supportdesk.http.ApiException.class).hasMessageContaining("loopback");
        }
        new dev.supportdesk.local.http.TokenEndpointGuard(true, true).check("10.0.0.5", "evil.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new dev.supportdesk.local.http.TokenEndpointGuard(false, true).check("127.0.0.1", "localhost"))
                .isInstanceOf(dev.supportdesk.http.ApiException.class);
    }

    @Test
    void theAppRefusesToStartOnANonLoopbackAddressWithTheEndpointOnUnlessToldTo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(LocalApplication.class)
                            .run("--server.address=0.0.0.0", "--server.port=0",
                                    "--supportdesk.local.data-dir=target/test-data/bind-" + java.util.UUID.randomUUID(),
                                    "--supportdesk.local.workflow-schedule=off")) {
                        context.getId();
                    }
                })
                .hasStackTraceContaining("supportdesk.local.remote-token-minting");
        dev.supportdesk.local.http.TokenEndpointGuard.checkBindAddress(true, false, "127.0.0.1");
        dev.supportdesk.local.http.TokenEndpointGuard.checkBindAddress(true, false, "localhost");
        dev.supportdesk.local.http.TokenEndpointGuard.checkBindAddress(false, false, "0.0.0.0");
        dev.supportdesk.local.http.TokenEndpointGuard.checkBindAddress(true, true, "0.0.0.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                dev.supportdesk.local.http.TokenEndpointGuard.checkBindAddress(true, false, ""))
                .isInstanceOf(IllegalStateException.class);
    }
}
