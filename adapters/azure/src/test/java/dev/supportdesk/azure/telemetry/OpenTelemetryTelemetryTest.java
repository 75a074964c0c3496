package dev.supportdesk.azure.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.Router;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Metrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * At the exporter boundary (OpenTelemetry's in-memory reader, where the Application Insights agent's
 * exporter reads): the catalogue's names, label attributes and kinds, and nothing unbounded.
 */
class OpenTelemetryTelemetryTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
    private final OpenTelemetryTelemetry telemetry = new OpenTelemetryTelemetry(sdk);

    @Test
    void theRoutersRequestsReachTheExporterUnderTheCatalogueNames() {
        Router router = new Router(List.of(Route.publicRoute("GET", "/things/{id}",
                call -> HttpResponse.of(200, "text/plain", new byte[0]))), 1024, telemetry);
        router.apply(HttpRequest.builder("GET", "/things/1").build());
        router.apply(HttpRequest.builder("GET", "/things/2").build());
        router.apply(HttpRequest.builder("GET", "/elsewhere/3").build());

        Map<String, MetricData> exported = exported();
        MetricData requests = exported.get("api_requests_total");
        assertThat(requests.getType()).isEqualTo(MetricDataType.LONG_SUM);
        assertThat(requests.getInstrumentationScopeInfo().getName()).isEqualTo(OpenTelemetryTelemetry.SCOPE);
        Map<Attributes, Long> points = requests.getLongSumData().getPoints().stream()
                .collect(Collectors.toMap(p -> p.getAttributes(), p -> p.getValue()));
        assertThat(points).containsOnly(
                Map.entry(attributes(Metrics.API_REQUESTS, "/things/{id}", "GET", "2xx"), 2L),
                Map.entry(attributes(Metrics.API_REQUESTS, "unmatched", "other", "4xx"), 1L));
        MetricData duration = exported.get("api_request_duration_seconds");
        assertThat(duration.getType()).isEqualTo(MetricDataType.HISTOGRAM);
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).extracting(p -> p.getCount()).containsExactlyInAnyOrder(2L, 1L);
    }

    @Test
    void everyMetricOfTheCatalogueExportsWithItsLabels() {
        for (Metric metric : Metrics.ALL) {
            String[] values = metric.labels().stream().map(label -> "v").toArray(String[]::new);
            if (metric.kind() == Metric.Kind.COUNTER) {
                telemetry.count(metric, 2, values);
            } else {
                telemetry.observe(metric, 0.5, values);
            }
        }
        Map<String, MetricData> exported = exported();
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(Metrics.ALL.stream().map(Metric::name).toList());
        for (Metric metric : Metrics.ALL) {
            MetricData data = exported.get(metric.name());
            Collection<? extends io.opentelemetry.sdk.metrics.data.PointData> points = metric.kind() == Metric.Kind.COUNTER
                    ? data.getLongSumData().getPoints() : data.getHistogramData().getPoints();
            assertThat(points).singleElement().satisfies(point -> assertThat(point.getAttributes().asMap().keySet())
                    .extracting(AttributeKey::getKey).containsExactlyInAnyOrderElementsOf(metric.labels()));
        }
    }

    private Map<String, MetricData> exported() {
        return reader.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    }

    private static Attributes attributes(Metric metric, String... values) {
        var builder = Attributes.builder();
        for (int i = 0; i < values.length; i++) {
            builder.put(AttributeKey.stringKey(metric.labels().get(i)), values[i]);
        }
        return builder.build();
    }
}
