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
 * configurable because identity providers differ (Cognito: {@code custom:tenant}, {@code cognito:groups}),
 * and so is the value that grants {@link Role#OPERATOR} (a Cognito group, an Entra app role's value).
 */
public final class ClaimsMapper {

    public static final String NO_CREDENTIALS = "no credentials were presented; send Authorization: Bearer <token>";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static final String DEFAULT_OPERATOR_ROLE = "operator";

    private final String tenantClaim;
    private final String rolesClaim;
    private final String operatorRole;

    public ClaimsMapper(String tenantClaim, String rolesClaim) {
        this(tenantClaim, rolesClaim, DEFAULT_OPERATOR_ROLE);
    }

    /** @param operatorRole the exact roles-claim value that grants {@link Role#OPERATOR} */
    public ClaimsMapper(String tenantClaim, String rolesClaim, String operatorRole) {
        this.tenantClaim = tenantClaim;
        this.rolesClaim = rolesClaim;
        this.operatorRole = operatorRole;
    }

    /** The claim that holds the caller's roles. */
    public String rolesClaim() {
        return rolesClaim;
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
     * @param claims claim values: strings, and for the roles claim a list of strings or the
     *               {@code "[a b]"} string an API Gateway JWT authorizer makes of a list
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
            throw new InvalidTokenException("the token grants none of the roles customer, agent, admin, "
                    + operatorRole + " in its '" + rolesClaim + "' claim");
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

    /**
     * Role names match exactly ({@code customer}, {@code agent}, {@code admin}, and the configured
     * operator value for {@link Role#OPERATOR}); other values (other
     * groups of the identity provider, {@code ADMIN}, {@code " admin "}, {@code "customer,admin"}) grant
     * nothing. Two shapes are accepted: a list of strings (a JWT array), or the string an API Gateway
     * HTTP API JWT authorizer makes of an array ({@code "[agent admin]"}, or one bare name). Any other
     * shape is not a token this API understands.
     */
    private Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (!(value instanceof String name)) {
                    throw unexpectedRolesShape();
                }
                addRole(roles, name);
            }
        } else if (claim instanceof String text) {
            if (text.startsWith("[") && text.endsWith("]")) {
                for (String name : text.substring(1, text.length() - 1).split(" ", -1)) {
                    if (name.isEmpty()) {
                        throw unexpectedRolesShape(); // "[a  b]", "[a ]": not what a gateway writes
                    }
                    addRole(roles, name);
                }
            } else {
                addRole(roles, text);
            }
        } else if (claim != null) {
            throw unexpectedRolesShape();
        }
        return roles;
    }

    private static InvalidTokenException unexpectedRolesShape() {
        return new InvalidTokenException("the token's roles claim must be a list of role names");
    }

    private void addRole(Set<Role> roles, String name) {
        if (name.equals(operatorRole)) {
            roles.add(Role.OPERATOR);
        }
        for (Role role : EnumSet.of(Role.CUSTOMER, Role.AGENT, Role.ADMIN)) {
            if (role.name().toLowerCase(Locale.ROOT).equals(name)) {
                roles.add(role);
            }
        }
    }
}
