package dev.supportdesk.local.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.config.TokenProperties;
import dev.supportdesk.identity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Signs local JWTs with the app's own key, carrying the claims the cloud identity providers would. */
public final class TokenMinter {

    private final LocalKeys keys;
    private final TokenProperties token;
    private final SupportdeskProperties.Auth auth;
    private final Duration maxValidity;
    private final Clock clock;

    public TokenMinter(LocalKeys keys, TokenProperties token, SupportdeskProperties.Auth auth, Duration maxValidity,
                       Clock clock) {
        this.keys = keys;
        this.token = token;
        this.auth = auth;
        this.maxValidity = maxValidity;
        this.clock = clock;
    }

    public Duration maxValidity() {
        return maxValidity;
    }

    public MintedToken mint(String subject, String tenant, Collection<Role> roles, Duration validity) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        List<String> roleNames = roles.stream()
                .map(role -> role == Role.OPERATOR ? auth.operatorRole() : role.name().toLowerCase(Locale.ROOT))
                .sorted().toList();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(token.issuer())
                .audience(token.audience())
                .subject(subject)
                .claim(auth.tenantClaim(), tenant)
                .claim(auth.rolesClaim(), roleNames)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keys.signingKey().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(keys.signingKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with the local key", e);
        }
        return new MintedToken(jwt.serialize(), expiresAt);
    }

    public record MintedToken(String token, Instant expiresAt) {
    }
}
