package dev.supportdesk.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens (signature against a JWK source, issuer, audience, expiry) and maps their
 * claims to an {@link Identity}. Unsigned tokens ({@code alg: none}) and symmetric algorithms are refused.
 */
public final class TokenVerifier {

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final ClaimsMapper claimsMapper;

    public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, ClaimsMapper claimsMapper) {
        this.claimsMapper = claimsMapper;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp")));
    }

    /** Verifies the value of an {@code Authorization} header. */
    public Identity verifyAuthorizationHeader(Optional<String> header) {
        String value = header.orElseThrow(() -> new InvalidTokenException("no credentials were presented; send Authorization: Bearer <token>"));
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidTokenException("the Authorization header must use the Bearer scheme");
        }
        return verify(value.substring(7).trim());
    }

    public Identity verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("the bearer token is not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT)) {
            throw new InvalidTokenException("unsigned or encrypted tokens are not accepted");
        }
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            return claimsMapper.identity(claims.getClaims());
        } catch (BadJWTException e) {
            throw new InvalidTokenException("the bearer token was refused: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the bearer token's signature could not be verified");
        } catch (JOSEException e) {
            throw new InvalidTokenException("the bearer token could not be verified");
        }
    }
}
