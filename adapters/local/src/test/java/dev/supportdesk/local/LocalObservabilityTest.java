package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.local.tokens.TokenMinter;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.testing.Promtool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Observability of the local runtime: correlation headers, JSON log lines carrying the request's
 * context and nothing personal, and {@code GET /metrics} in the Prometheus text format as
 * {@code promtool check metrics} reads it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportdesk.local.data-dir=target/test-data/observe-${random.uuid}",
        "supportdesk.local.workflow-schedule=off",
        "logging.level.dev.supportdesk=DEBUG"})
class LocalObservabilityTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    private String customer;
    private String operator;

    @BeforeEach
    void tokens() {
        customer = minter.mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(5)).token();
        operator = minter.mint("ops", "acme", List.of(Role.OPERATOR), Duration.ofMinutes(5)).token();
    }

    @Test
    void responsesCarryTheRequestIdAndEchoTheTraceparent() {
        HttpResponse traced = LocalHttp.send(port, HttpRequest.builder("GET", "/health").header("traceparent", TRACEPARENT).build());
        assertThat(traced.headers().first("traceparent")).hasValue(TRACEPARENT);
        assertThat(traced.headers().first("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));

        HttpResponse fresh = LocalHttp.send(port, HttpRequest.builder("GET", "/health").header("traceparent", "garbage").build());
        assertThat(fresh.headers().first("traceparent")).hasValueSatisfying(
                header -> assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").isNotEqualTo(TRACEPARENT));
        assertThat(fresh.headers().first("X-Request-Id")).isNotEqualTo(traced.headers().first("X-Request-Id"));
    }

    @Test
    void logLinesAreJsonWithTheContextAndNothingPersonal(CapturedOutput output) throws IOException {
        String description = "my card number is 4111 1111 1111 1111, call me at alice@example.com";
        HttpResponse created = LocalHttp.send(port, HttpRequest.builder("POST", "/tickets")
                .header("Authorization", "Bearer " + customer).header("traceparent", TRACEPARENT)
                .jsonBody(Json.object().put("subject", "Printer on fire").put("description", description).toString())
                .build());
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String requestId = created.headers().first("X-Request-Id").orElseThrow();
        // a failing one too: the problem path logs as well
        LocalHttp.send(port, HttpRequest.builder("GET", "/tickets/nope").header("Authorization", "Bearer " + customer).build());

        List<JsonNode> ofRequest = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            assertThat(line).as("a captured line").doesNotContain(customer).doesNotContain("Bearer ")
                    .doesNotContain("4111 1111").doesNotContain("alice@example.com").doesNotContain("Printer on fire");
            if (line.contains(requestId)) {
                JsonNode json = Json.MAPPER.readTree(line);
                assertThat(json.path("requestId").asText()).isEqualTo(requestId);
                ofRequest.add(json);
            }
        }
        assertThat(ofRequest).as("log lines of request %s", requestId).isNotEmpty();
        assertThat(ofRequest).allSatisfy(json -> {
            assertThat(json.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(json.path("tenant").asText()).isEqualTo("acme");
            assertThat(json.path("function").asText()).isEqualTo("api");
        });
        assertThat(ofRequest).anySatisfy(json -> assertThat(json.path("message").asText()).contains("POST /tickets -> 201"));
        // every line the application logged while serving is one JSON object
        String[] lines = output.getOut().split("\n");
        long json = java.util.Arrays.stream(lines).filter(l -> l.startsWith("{") && l.endsWith("}")).count();
        assertThat(json).isGreaterThan(0);
        for (String line : lines) {
            if (line.contains("\"requestId\"")) {
                assertThat(Json.MAPPER.readTree(line).isObject()).isTrue();
            }
        }
    }

    @Test
    void metricsAreAPrometheusExpositionThatPromtoolAccepts(@TempDir Path dir) throws Exception {
        LocalHttp.send(port, HttpRequest.builder("GET", "/health").build());
        LocalHttp.send(port, HttpRequest.builder("GET", "/tickets/nope").header("Authorization", "Bearer " + customer).build());
        LocalHttp.send(port, HttpRequest.builder("BREW", "/coffee").build());

        HttpResponse text = LocalHttp.send(port, HttpRequest.builder("GET", "/metrics")
                .header("Authorization", "Bearer " + operator).header("Accept", "text/plain;version=0.0.4;q=0.9,*/*;q=0.1").build());
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.headers().first("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String exposition = text.bodyText();
        assertThat(exposition)
                .contains("api_requests_total{route=\"/health\",method=\"GET\",status_class=\"2xx\"}")
                .contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"4xx\"}")
                .contains("api_requests_total{route=\"unmatched\",method=\"other\",status_class=\"4xx\"}")
                .contains("api_request_duration_seconds_bucket{route=\"/health\",method=\"GET\",status_class=\"2xx\",le=\"+Inf\"}")
                .doesNotContain("/tickets/nope").doesNotContain("BREW");
        Metrics.ALL.forEach(metric -> assertThat(exposition).contains("# TYPE " + metric.name() + " "));

        assertThat(exposition).contains("# TYPE instance_tenant_views gauge").contains("instance_tenant_view_overflow_total 0");
        Promtool.assertAccepts(exposition, dir);

        HttpResponse json = LocalHttp.send(port, HttpRequest.builder("GET", "/metrics")
                .header("Authorization", "Bearer " + operator).build());
        JsonNode view = Json.MAPPER.readTree(json.body());
        assertThat(view.path("scope").asText()).isEqualTo("instance");
        assertThat(view.path("metrics").path("api_requests_total").isArray()).isTrue();
        assertThat(view.path("predict").has("totalRequests")).isTrue();
        assertThat(LocalHttp.send(port, HttpRequest.builder("GET", "/metrics").header("Accept", "text/plain")
                .header("Authorization", "Bearer " + customer).build()).status()).isEqualTo(403);
    }

    @Test
    void aTenantAdminReadsTheirTenantsShareOnlyInAnExpositionPromtoolAccepts(@TempDir Path dir) throws Exception {
        String initechCustomer = token("peter", "initech", Role.CUSTOMER);
        String umbrellaCustomer = token("alice", "umbrella", Role.CUSTOMER);
        LocalHttp.send(port, HttpRequest.builder("GET", "/tickets/nope").header("Authorization", "Bearer " + initechCustomer).build());
        LocalHttp.send(port, HttpRequest.builder("GET", "/tickets/nope").header("Authorization", "Bearer " + initechCustomer).build());
        LocalHttp.send(port, HttpRequest.builder("GET", "/tickets").header("Authorization", "Bearer " + umbrellaCustomer).build());
        LocalHttp.send(port, HttpRequest.builder("GET", "/health").build());

        HttpResponse text = LocalHttp.send(port, HttpRequest.builder("GET", "/metrics")
                .header("Authorization", "Bearer " + token("bill", "initech", Role.ADMIN)).header("Accept", "text/plain").build());
        assertThat(text.status()).as(text.bodyText()).isEqualTo(200);
        assertThat(text.headers().first("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String exposition = text.bodyText();
        assertThat(exposition)
                .contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"4xx\"} 2\n")
                .contains("api_request_duration_seconds_count{route=\"/tickets/{id}\",method=\"GET\",status_class=\"4xx\"} 2\n")
                .contains("instance_tenant_view_tracked 1\n")
                .doesNotContain("route=\"/tickets\",").doesNotContain("route=\"/health\"")
                .doesNotContain("instance_tenant_views").doesNotContain("umbrella").doesNotContain("initech");
        Metrics.ALL.forEach(metric -> assertThat(exposition).contains("# TYPE " + metric.name() + " "));
        Promtool.assertAccepts(exposition, dir);

        JsonNode json = Json.MAPPER.readTree(LocalHttp.send(port, HttpRequest.builder("GET", "/metrics")
                .header("Authorization", "Bearer " + token("bill", "initech", Role.ADMIN)).build()).body());
        assertThat(json.path("tenant").asText()).isEqualTo("initech");
        assertThat(json.has("predict")).as("the predict summary counts every tenant").isFalse();
        assertThat(json.path("metrics").path("api_requests_total")).allSatisfy(series ->
                assertThat(series.path("labels").path("route").asText()).isIn("/tickets/{id}", "/metrics"));

        for (Role role : List.of(Role.AGENT, Role.CUSTOMER)) {
            HttpResponse refused = LocalHttp.send(port, HttpRequest.builder("GET", "/metrics")
                    .header("Authorization", "Bearer " + token("x", "initech", role)).header("Accept", "text/plain").build());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.headers().first("Content-Type")).hasValue("application/problem+json");
        }
    }

    private String token(String subject, String tenant, Role role) {
        return minter.mint(subject, tenant, List.of(role), Duration.ofMinutes(5)).token();
    }
}
