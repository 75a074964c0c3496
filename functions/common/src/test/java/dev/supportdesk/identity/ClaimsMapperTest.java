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
}
