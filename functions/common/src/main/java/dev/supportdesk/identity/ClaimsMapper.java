package dev.supportdesk.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the claims of an already verified token into the {@link Caller}, the one mapping every runtime
 * uses (whether a gateway verified the token or {@link TokenVerifier} did). The claim names are
 * configurable because identity providers differ (Cognito: {@code custom:tenant}, {@code cognito:groups}).
 */
public final class ClaimsMapper {

    public static final String NO_CREDENTIALS = "no credentials were presented; send Authorization: Bearer <token>";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String tenantClaim;
    private final String rolesClaim;

    public ClaimsMapper(String tenantClaim, String rolesClaim) {
        this.tenantClaim = tenantClaim;
        this.rolesClaim = rolesClaim;
    }

    public static ClaimsMapper defaults() {
        return new ClaimsMapper("tenant", "roles");
    }

    /**
     * @param claims the verified claims; empty (or null) when the request carried no token
     * @return the authenticated caller, or an anonymous one with the reason the claims do not describe one
     */
    public Caller caller(Map<String, ?> claims) {
        if (claims == null || claims.isEmpty()) {
            return Caller.anonymous(NO_CREDENTIALS);
        }
        try {
            return Caller.authenticated(identity(claims));
        } catch (InvalidTokenException e) {
            return Caller.anonymous(e.getMessage());
        }
    }

    /**
     * @param claims claim values: strings, or collections of strings for the roles claim (a single
     *               space- or comma-separated string is also accepted, as some gateways flatten arrays)
     * @throws InvalidTokenException when a claim is missing or malformed
     */
    public Identity identity(Map<String, ?> claims) {
        String subject = stringClaim(claims, "sub");
        if (!SAFE_ID.matcher(subject).matches()) {
            throw new InvalidTokenException("the token's subject must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
        String tenant = stringClaim(claims, tenantClaim);
        if (!TENANT.matcher(tenant).matches()) {
            throw new InvalidTokenException("the token's '" + tenantClaim + "' claim must be 1-64 letters, digits, '_' or '-'");
        }
        Set<Role> roles = roles(claims.get(rolesClaim));
        if (roles.isEmpty()) {
            throw new InvalidTokenException("the token grants none of the roles customer, agent, admin in its '"
                    + rolesClaim + "' claim");
        }
        return new Identity(subject, tenant, roles);
    }

    private static String stringClaim(Map<String, ?> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidTokenException("the token has no '" + name + "' claim");
        }
        return text;
    }

    private static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> addRole(roles, String.valueOf(value)));
        } else if (claim instanceof String text) {
            for (String value : text.replace("[", "").replace("]", "").split("[\\s,]+")) {
                addRole(roles, value);
            }
        }
        return roles;
    }

    private static void addRole(Set<Role> roles, String value) {
        for (Role role : Role.values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                roles.add(role);
            }
        }
    }
}
