package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.local.tokens.TokenMinter;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code supportdesk.local.telemetry=false} (for benchmarks/telemetry): the functions report to
 * {@link Telemetry#noop()} and requests get no correlation; the API answers as before. Telemetry on, the default, is
 * {@link LocalObservabilityTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportdesk.local.data-dir=target/test-data/telemetry-off-${random.uuid}",
        "supportdesk.local.workflow-schedule=off",
        "supportdesk.local.telemetry=false"})
class LocalTelemetrySwitchTest {

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    @Autowired
    Telemetry telemetry;

    @Autowired
    MetricRegistry registry;

    @Test
    void offMeansNoMetricsAndNoCorrelation() throws java.io.IOException {
        assertThat(telemetry).isSameAs(Telemetry.noop());
        String token = minter.mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(5)).token();
        HttpResponse created = LocalHttp.send(port, HttpRequest.builder("POST", "/tickets")
                .header("Authorization", "Bearer " + token)
                .jsonBody(Json.object().put("subject", "Printer").put("description", "on fire").toString()).build());
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).path("id").asText();
        HttpResponse read = LocalHttp.send(port, HttpRequest.builder("GET", "/tickets/" + id)
                .header("Authorization", "Bearer " + token)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().first("X-Request-Id")).isEmpty();
        assertThat(read.headers().first("traceparent")).isEmpty();
        assertThat(registry.counts(Metrics.API_REQUESTS)).isEmpty();
    }
}
