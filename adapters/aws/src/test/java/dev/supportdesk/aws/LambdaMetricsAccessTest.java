package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.Promtool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /metrics} on AWS, which routes it to the predict function ({@link PredictHandler}), through the
 * API Gateway payload with Cognito ID tokens: an operator reads every tenant's figures of the instance, a tenant
 * admin only their tenant's (an exposition {@code promtool check metrics} accepts), agents and customers get 403.
 */
class LambdaMetricsAccessTest {

    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator predict;

    @BeforeAll
    static void start() {
        context = Emulators.awsContext();
        predict = new ApiGatewaySimulator(new PredictHandler(context), ApiGatewaySimulator.Format.V2);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aTenantAdminReadsTheirTenantsShareAnOperatorEveryTenants(@TempDir Path dir) throws Exception {
        get("/models", "peter", "initech", Role.CUSTOMER, null);
        get("/models", "peter", "initech", Role.CUSTOMER, null);
        get("/models", "alice", "umbrella", Role.AGENT, null);

        HttpResponse share = get("/metrics", "bill", "initech", Role.ADMIN, "text/plain");
        assertThat(share.status()).as(share.bodyText()).isEqualTo(200);
        String exposition = share.bodyText();
        assertThat(exposition).contains("api_requests_total{route=\"/models\",method=\"GET\",status_class=\"2xx\"} 2\n")
                .contains("instance_tenant_view_tracked 1\n").doesNotContain("umbrella").doesNotContain("instance_tenant_views");
        Promtool.assertAccepts(exposition, dir);

        JsonNode shareJson = Json.MAPPER.readTree(get("/metrics", "bill", "initech", Role.ADMIN, null).body());
        assertThat(shareJson.path("tenant").asText()).isEqualTo("initech");
        assertThat(shareJson.has("predict")).isFalse();

        HttpResponse all = get("/metrics", "ops", "initech", Role.OPERATOR, "text/plain");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.bodyText()).contains("api_requests_total{route=\"/models\",method=\"GET\",status_class=\"2xx\"} 3\n")
                .contains("instance_tenant_views 2\n");
        Promtool.assertAccepts(all.bodyText(), dir);

        for (Role role : List.of(Role.AGENT, Role.CUSTOMER)) {
            HttpResponse refused = get("/metrics", "x", "initech", role, "text/plain");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.headers().first("Content-Type")).hasValue("application/problem+json");
        }
    }

    private static HttpResponse get(String path, String subject, String tenant, Role role, String accept) {
        HttpRequest.Builder request = HttpRequest.builder("GET", path)
                .header("Authorization", "Bearer " + ApiGatewaySimulator.idToken(subject, tenant, role));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return predict.send(request.build());
    }
}
