package dev.supportdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsMapperTest {

    private final ClaimsMapper mapper = new ClaimsMapper("custom:tenant", "cognito:groups");

    @Test
    void claimsOfAVerifiedTokenMakeAnAuthenticatedCaller() {
        Caller caller = mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", List.of("agent")));
        assertThat(caller).isEqualTo(Caller.authenticated(new Identity("ann", "acme", java.util.Set.of(Role.AGENT))));
    }

    @Test
    void gatewaysThatFlattenArraysGiveTheSameRoles() {
        Caller flattened = mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", "[agent admin]"));
        Caller listed = mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", List.of("agent", "admin")));
        assertThat(flattened).isEqualTo(listed);
    }

    @Test
    void noClaimsOrUnusableClaimsMakeAnAnonymousCallerWithTheReason() {
        assertThat(mapper.caller(Map.of())).isEqualTo(Caller.anonymous(ClaimsMapper.NO_CREDENTIALS));
        assertThat(mapper.caller(null)).isEqualTo(Caller.anonymous(ClaimsMapper.NO_CREDENTIALS));
        assertThat(mapper.caller(Map.of("sub", "ann", "cognito:groups", "agent")))
                .isEqualTo(Caller.anonymous("the token has no 'custom:tenant' claim"));
        assertThat(mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", "guest")))
                .isInstanceOf(Caller.Anonymous.class);
    }

    @Test
    void roleNamesMatchExactly() {
        for (Object lookalike : List.of("ADMIN", " admin ", "customer,admin", "[Admin]", "[admin ]", "admin\n",
                List.of("Admin"), List.of(" agent"))) {
            assertThat(mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", lookalike)))
                    .as("roles claim %s", lookalike).isInstanceOf(Caller.Anonymous.class);
        }
        Caller withOtherGroups = mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme",
                "cognito:groups", List.of("ADMIN", "customer", "billing")));
        assertThat(withOtherGroups).isEqualTo(Caller.authenticated(new Identity("ann", "acme", java.util.Set.of(Role.CUSTOMER))));
        assertThat(mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", "customer")))
                .isInstanceOf(Caller.Authenticated.class);
    }

    @Test
    void theOperatorRoleIsGrantedByTheConfiguredValueOnlyAndExactly() {
        assertThat(mapper.caller(Map.of("sub", "ops", "custom:tenant", "acme", "cognito:groups", List.of("operator"))))
                .isEqualTo(Caller.authenticated(new Identity("ops", "acme", java.util.Set.of(Role.OPERATOR))));

        ClaimsMapper entra = new ClaimsMapper("tid", "roles", "SupportDesk.Operator");
        assertThat(entra.caller(Map.of("sub", "ops", "tid", "acme", "roles", List.of("SupportDesk.Operator", "admin"))))
                .isEqualTo(Caller.authenticated(new Identity("ops", "acme", java.util.Set.of(Role.OPERATOR, Role.ADMIN))));
        for (Object lookalike : List.of("operator", "supportdesk.operator", List.of("SupportDesk.Operator "))) {
            assertThat(entra.caller(Map.of("sub", "ops", "tid", "acme", "roles", lookalike)))
                    .as("roles claim %s", lookalike).isInstanceOf(Caller.Anonymous.class);
        }
    }

    @Test
    void aRolesClaimOfAnUnexpectedShapeIsRefused() {
        for (Object shape : List.of(42, Map.of("admin", true), List.of(1, 2), List.of(List.of("admin")))) {
            assertThat(mapper.caller(Map.of("sub", "ann", "custom:tenant", "acme", "cognito:groups", shape)))
                    .as("roles claim %s", shape)
                    .isEqualTo(Caller.anonymous("the token's roles claim must be a list of role names"));
        }
    }
}
