package dev.supportdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.Identity;
import dev.supportdesk.identity.Role;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.telemetry.TraceParent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The telemetry port's behaviour: bounded labels from the router, the trace context, the log context.
 * (In dev.supportdesk.http, which depends on dev.supportdesk.telemetry, never the other way: ArchitectureTest.)
 */
class RouterTelemetryTest {

    private final MetricRegistry registry = new MetricRegistry();
    private final AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    private final Router router = new Router(List.of(
            Route.publicRoute("GET", "/things/{id}", call -> {
                seen.set(MDC.getCopyOfContextMap());
                return HttpResponse.of(200, "text/plain", new byte[0]);
            }),
            Route.authenticated("POST", "/things", call -> {
                seen.set(MDC.getCopyOfContextMap());
                throw new IllegalStateException("boom");
            })), 1024, registry);

    @Test
    void theRouterCountsByTemplateMethodAndStatusClassNeverByPath() {
        router.apply(HttpRequest.builder("GET", "/things/123").build());
        router.apply(HttpRequest.builder("GET", "/things/456").build());
        router.apply(HttpRequest.builder("GET", "/nowhere/789").build());
        router.apply(HttpRequest.builder("PROPFIND", "/things/1").build());
        router.apply(HttpRequest.builder("POST", "/things").caller(caller()).build());
        assertThat(registry.counts(Metrics.API_REQUESTS)).containsOnly(
                Map.entry(List.of("/things/{id}", "GET", "2xx"), 2L),
                Map.entry(List.of("unmatched", "other", "4xx"), 2L),
                Map.entry(List.of("/things", "POST", "5xx"), 1L));
        assertThat(registry.count(Metrics.API_REQUEST_DURATION, "/things/{id}", "GET", "2xx")).isEqualTo(2);
        String text = registry.prometheus();
        // the path id as a label value, not digits of a duration (a sum may read 0.029123596)
        assertThat(text).doesNotContain("/things/123").doesNotContain("=\"123\"").doesNotContain("PROPFIND").doesNotContain("nowhere")
                .contains("# TYPE api_requests_total counter")
                .contains("api_requests_total{route=\"/things/{id}\",method=\"GET\",status_class=\"2xx\"} 2")
                .contains("api_request_duration_seconds_bucket{route=\"/things/{id}\",method=\"GET\",status_class=\"2xx\",le=\"+Inf\"} 2")
                .contains("api_request_duration_seconds_count{route=\"/things/{id}\",method=\"GET\",status_class=\"2xx\"} 2");
    }

    @Test
    void correlationPutsTheContextInTheMdcWhileServingAndTagsTheResponse() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse response = Correlation.serve("api", "req-1",
                HttpRequest.builder("POST", "/things").header("traceparent", incoming).caller(caller()).build(), router);
        assertThat(seen.get()).containsEntry("requestId", "req-1").containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("tenant", "acme").containsEntry("function", "api");
        assertThat(response.headers().first("X-Request-Id")).hasValue("req-1");
        assertThat(response.headers().first("traceparent")).hasValue(incoming);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        HttpResponse fresh = Correlation.serve("api", null, HttpRequest.builder("GET", "/things/1").build(), router);
        assertThat(fresh.headers().first("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(fresh.headers().first("traceparent")).hasValueSatisfying(header -> assertThat(header)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00").isNotEqualTo(incoming));
        assertThat(seen.get()).doesNotContainKey("tenant");
    }

    @Test
    void onlyValidTraceparentsAreHonoured() {
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isPresent();
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future")).isPresent();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isEmpty();
        assertThat(TraceParent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("garbage")).isEmpty();
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.generate().traceId()).isNotEqualTo(TraceParent.generate().traceId());
    }

    @Test
    void metricsAreDeclaredWithBoundedLabelsAndUsedAsDeclared() {
        assertThat(Metrics.ALL).extracting(Metric::name).doesNotHaveDuplicates();
        assertThat(Metrics.ALL).allSatisfy(metric -> assertThat(metric.labels())
                .doesNotContain("id", "ticket_id", "tenant", "user", "path", "request_id"));
        assertThatThrownBy(() -> registry.increment(Metrics.API_REQUESTS, "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.observe(Metrics.API_REQUESTS, 1.0, "/x", "GET", "2xx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.counter("requests", "no _total", List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Metrics.statusClass(204)).isEqualTo("2xx");
        assertThat(Metrics.statusClass(599)).isEqualTo("5xx");
        Telemetry.noop().increment(Metrics.API_REQUESTS, "/x", "GET", "2xx");
    }

    private static Caller caller() {
        return Caller.authenticated(new Identity("alice", "acme", Set.of(Role.CUSTOMER)));
    }
}
