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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens (signature against a JWK source, issuer, audience, expiry) and maps their
 * claims to a {@link Caller} with the {@link ClaimsMapper}. Unsigned tokens ({@code alg: none}) and symmetric algorithms are refused.
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

    /**
     * The caller an {@code Authorization} header proves: the claims of a valid bearer token, mapped by
     * {@link ClaimsMapper#caller}; anonymous, with the reason, otherwise.
     */
    public Caller caller(Optional<String> authorizationHeader) {
        try {
            return claimsMapper.caller(verifiedClaims(authorizationHeader));
        } catch (InvalidTokenException e) {
            return Caller.anonymous(e.getMessage());
        }
    }

    private Map<String, Object> verifiedClaims(Optional<String> header) {
        String value = header.orElseThrow(() -> new InvalidTokenException(ClaimsMapper.NO_CREDENTIALS));
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidTokenException("the Authorization header must use the Bearer scheme");
        }
        return verifiedClaims(value.substring(7).trim());
    }

    private Map<String, Object> verifiedClaims(String token) {
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
            return processor.process(jwt, null).getClaims();
        } catch (BadJWTException e) {
            throw new InvalidTokenException("the bearer token was refused: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the bearer token's signature could not be verified");
        } catch (JOSEException e) {
            throw new InvalidTokenException("the bearer token could not be verified");
        }
    }
}
