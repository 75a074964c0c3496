package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.Promtool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} through the httpApi function (the catch-all trigger routes it too): the instance keeps a
 * registry besides the OpenTelemetry instruments, an operator reads every tenant's figures, a tenant admin only
 * their tenant's (an exposition {@code promtool check metrics} accepts), agents and customers get 403.
 */
class AzureMetricsAccessTest {

    @RegisterExtension
    static final HttpApiOnEmulators httpApi = new HttpApiOnEmulators();

    @Test
    void aTenantAdminReadsTheirTenantsShareAnOperatorEveryTenants(@TempDir Path dir) throws Exception {
        get("/tickets/nope", TestTokens.token("peter", "initech", Role.CUSTOMER), null);
        get("/tickets/nope", TestTokens.token("peter", "initech", Role.CUSTOMER), null);
        get("/tickets/nope", TestTokens.token("alice", "umbrella", Role.CUSTOMER), null);

        HttpResponse share = get("/metrics", TestTokens.token("bill", "initech", Role.ADMIN), "text/plain");
        assertThat(share.status()).as(share.bodyText()).isEqualTo(200);
        String exposition = share.bodyText();
        assertThat(exposition).contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"4xx\"} 2\n")
                .contains("instance_tenant_view_tracked 1\n").doesNotContain("umbrella").doesNotContain("instance_tenant_views");
        Promtool.assertAccepts(exposition, dir);

        JsonNode shareJson = Json.MAPPER.readTree(get("/metrics", TestTokens.token("bill", "initech", Role.ADMIN), null).body());
        assertThat(shareJson.path("tenant").asText()).isEqualTo("initech");
        assertThat(shareJson.has("predict")).isFalse();

        HttpResponse all = get("/metrics", TestTokens.token("ops", "initech", Role.OPERATOR), "text/plain");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.bodyText()).contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"4xx\"} 3\n")
                .contains("instance_tenant_views ");
        Promtool.assertAccepts(all.bodyText(), dir);

        for (Role role : List.of(Role.AGENT, Role.CUSTOMER)) {
            HttpResponse refused = get("/metrics", TestTokens.token("x", "initech", role), "text/plain");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.headers().first("Content-Type")).hasValue("application/problem+json");
        }
    }

    private static HttpResponse get(String path, String token, String accept) {
        HttpRequest.Builder request = HttpRequest.builder("GET", path).header("Authorization", "Bearer " + token);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return FakeFunctionsHostRequest.toNeutral(httpApi.function().run(FakeFunctionsHostRequest.of(request.build()), null,
                new FakeExecutionContext("httpApi")));
    }
}
