package dev.supportdesk.aws.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.TraceParent;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric of the catalogue, as {@link EmfTelemetry} writes it, is a valid Embedded Metric Format
 * document: the specification's JSON schema, and the rules a schema cannot state (every reference names a
 * root member, dimension targets are strings, metric targets are numbers). Also: the request's context
 * rides along, and no label value becomes a dimension it is not declared as.
 */
class EmbeddedMetricFormatTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = EmbeddedMetricFormatTest.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final EmfTelemetry emf = new EmfTelemetry("supportdesk-test", "stack-1", lines::add,
            Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyMetricOfTheCatalogueIsAValidDocument() throws Exception {
        for (Metric metric : Metrics.ALL) {
            String[] labels = metric.labels().stream().map(label -> "v-" + label).toArray(String[]::new);
            if (metric.kind() == Metric.Kind.COUNTER) {
                emf.count(metric, 3, labels);
            } else {
                emf.observe(metric, 0.25, labels);
            }
        }
        assertThat(lines).hasSize(Metrics.ALL.size());
        for (int i = 0; i < lines.size(); i++) {
            Metric metric = Metrics.ALL.get(i);
            JsonNode document = Json.MAPPER.readTree(lines.get(i));
            assertValid(document);
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("supportdesk-test");
            assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo(metric.name());
            assertThat(directive.path("Metrics").get(0).path("Unit").asText())
                    .isEqualTo(metric.kind() == Metric.Kind.COUNTER ? "Count" : "Seconds");
            assertThat(document.path(metric.name()).numberValue().doubleValue())
                    .isEqualTo(metric.kind() == Metric.Kind.COUNTER ? 3.0 : 0.25);
            assertThat(document.path("service").asText()).isEqualTo("stack-1");
            assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-29T06:00:00Z").toEpochMilli());
            Set<Set<String>> sets = new HashSet<>();
            directive.path("Dimensions").forEach(set -> {
                Set<String> names = new HashSet<>();
                set.forEach(name -> names.add(name.asText()));
                sets.add(names);
            });
            Set<Set<String>> expected = new HashSet<>();
            metric.dimensionSets().forEach(set -> {
                Set<String> names = new HashSet<>(set);
                names.add(EmfTelemetry.SERVICE);
                expected.add(names);
            });
            assertThat(sets).as(metric.name()).isEqualTo(expected);
        }
    }

    @Test
    void theLogContextRidesAlongAsPlainMembers() throws Exception {
        try (LogContext.Scope scope = LogContext.open("api", "gw-req-1", TraceParent.parse(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow())) {
            emf.increment(Metrics.API_REQUESTS, "/tickets/{id}", "GET", "2xx");
        }
        JsonNode document = Json.MAPPER.readTree(lines.getFirst());
        assertValid(document);
        assertThat(document.path("requestId").asText()).isEqualTo("gw-req-1");
        assertThat(document.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        document.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").forEach(set ->
                set.forEach(name -> assertThat(name.asText()).isNotIn("requestId", "traceId")));
    }

    @Test
    void aRequestsCountAndDurationAreOneDocument() throws Exception {
        emf.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, 0.125, "/tickets", "POST", "2xx");
        assertThat(lines).hasSize(1);
        JsonNode document = Json.MAPPER.readTree(lines.getFirst());
        assertValid(document);
        JsonNode metrics = document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics");
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0).path("Name").asText()).isEqualTo("api_requests_total");
        assertThat(metrics.get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(metrics.get(1).path("Name").asText()).isEqualTo("api_request_duration_seconds");
        assertThat(metrics.get(1).path("Unit").asText()).isEqualTo("Seconds");
        assertThat(document.path("api_requests_total").asLong()).isEqualTo(1);
        assertThat(document.path("api_request_duration_seconds").asDouble()).isEqualTo(0.125);
        assertThat(document.path("route").asText()).isEqualTo("/tickets");
    }

    @Test
    void everySeriesKeepsItsOwnLabelsAndEveryDocumentItsOwnContext() throws Exception {
        String[][] series = {{"/tickets/{id}", "GET", "2xx"}, {"/tickets/{id}", "GET", "4xx"}, {"/tickets", "POST", "2xx"}};
        for (int round = 0; round < 3; round++) {
            for (String[] labels : series) {
                String requestId = "req-" + round + "-" + labels[2];
                try (LogContext.Scope scope = LogContext.open("api", requestId, TraceParent.generate())) {
                    emf.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, 0.001 * (round + 1),
                            labels.clone());
                }
            }
        }
        assertThat(lines).hasSize(9);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode document = Json.MAPPER.readTree(lines.get(i));
            assertValid(document);
            String[] labels = series[i % 3];
            assertThat(document.path("route").asText()).isEqualTo(labels[0]);
            assertThat(document.path("method").asText()).isEqualTo(labels[1]);
            assertThat(document.path("status_class").asText()).isEqualTo(labels[2]);
            assertThat(document.path("requestId").asText()).isEqualTo("req-" + i / 3 + "-" + labels[2]);
            assertThat(document.path("api_request_duration_seconds").asDouble()).isEqualTo(0.001 * (i / 3 + 1));
        }
    }

    @Test
    void labelValuesAndIdsAreEscaped() throws Exception {
        try (LogContext.Scope scope = LogContext.open("api", "a\"quote\\", null)) {
            emf.increment(Metrics.API_REQUESTS, "/odd\"route", "GET", "2\nxx");
        }
        JsonNode document = Json.MAPPER.readTree(lines.getFirst());
        assertThat(document.path("route").asText()).isEqualTo("/odd\"route");
        assertThat(document.path("status_class").asText()).isEqualTo("2\nxx");
        assertThat(document.path("requestId").asText()).isEqualTo("a\"quote\\");
    }

    @Test
    void durationsAreDecimalSecondsToTheNanosecond() {
        assertThat(seconds(0.000005123)).isEqualTo("0.000005123");
        assertThat(seconds(0.125)).isEqualTo("0.125");
        assertThat(seconds(2.0)).isEqualTo("2.0");
        assertThat(seconds(0)).isEqualTo("0.0");
        assertThat(seconds(61.5)).isEqualTo("61.5");
        assertThat(seconds(1e-10)).isEqualTo("0.0");
        assertThat(seconds(-1)).isEqualTo("-1.0");
        assertThat(seconds(Double.NaN)).isEqualTo("0");
        for (long nanos : new long[] {1, 999, 1_000_000, 123_456_789, 5_000_000_001L}) {
            assertThat(Double.parseDouble(seconds(nanos / 1e9))).isEqualTo(nanos / 1e9);
        }
    }

    private static String seconds(double value) {
        StringBuilder text = new StringBuilder();
        EmfTelemetry.seconds(text, value);
        return text.toString();
    }

    @Test
    void aCounterAndAHistogramPublishedUnderOtherDimensionSetsAreTwoDocumentsEveryTime() throws Exception {
        Metric counter = Metric.counter("jobs_total", "jobs", List.of("kind", "outcome"), List.of());
        Metric histogram = Metric.histogram("job_duration_seconds", "job time", List.of("kind", "outcome"),
                List.of(List.of("kind")));
        for (int i = 0; i < 2; i++) {
            emf.countAndObserve(counter, histogram, 0.5, "import", "ok");
        }
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertValid(Json.MAPPER.readTree(line));
        }
        assertThat(Json.MAPPER.readTree(lines.get(2)).has("jobs_total")).isTrue();
        assertThat(Json.MAPPER.readTree(lines.get(2)).has("job_duration_seconds")).isFalse();
        assertThat(Json.MAPPER.readTree(lines.get(3)).path("job_duration_seconds").asDouble()).isEqualTo(0.5);
    }

    @Test
    void documentsWrittenOneAfterAnotherOnOneThreadShareNothing() throws Exception {
        emf.increment(Metrics.STORE_CONFLICTS, "x".repeat(20_000));
        emf.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, 0.01, "/health", "GET", "2xx");
        emf.increment(Metrics.OCR_DOCUMENTS, "done");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).hasSizeGreaterThan(20_000);
        assertValid(Json.MAPPER.readTree(lines.get(1)));
        assertValid(Json.MAPPER.readTree(lines.get(2)));
        assertThat(lines.get(1)).doesNotContain("xxx").doesNotContain("ocr_documents_total");
        assertThat(Json.MAPPER.readTree(lines.get(2)).path("outcome").asText()).isEqualTo("done");
        assertThat(lines.get(2)).doesNotContain("api_requests_total");
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        emf.increment(Metrics.STORE_CONFLICTS, "quote\"back\\slash\nline");
        JsonNode document = Json.MAPPER.readTree(lines.getFirst());
        assertValid(document);
        assertThat(document.path("operation").asText()).isEqualTo("quote\"back\\slash\nline");
    }

    @Test
    void aZeroCountWritesNothing() {
        emf.count(Metrics.WORKFLOW_RULE_EFFECTS, 0, "escalate", "failed");
        assertThat(lines).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheSpecificationRefuses() throws Exception {
        JsonNode noTimestamp = Json.MAPPER.readTree("{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[]],"
                + "\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":1}");
        JsonNode badUnit = Json.MAPPER.readTree("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Parsecs\"}]}]},\"m\":1}");
        JsonNode tenDimensions = Json.MAPPER.readTree("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                + "\"Dimensions\":[[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":1}");
        assertThat(schema.validate(noTimestamp)).isNotEmpty();
        assertThat(schema.validate(badUnit)).isNotEmpty();
        assertThat(schema.validate(tenDimensions)).isNotEmpty();
    }

    /** The schema, then the specification's rules on references and targets. */
    static void assertValid(JsonNode document) {
        Set<ValidationMessage> errors = schema.validate(document);
        assertThat(errors).as("schema errors in %s", document).isEmpty();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode name : set) {
                    assertThat(document.path(name.asText()).isTextual())
                            .as("dimension %s is a string member of the root", name).isTrue();
                }
            }
            for (JsonNode definition : directive.path("Metrics")) {
                JsonNode target = document.path(definition.path("Name").asText());
                assertThat(target.isNumber() || (target.isArray() && target.size() <= 100))
                        .as("metric %s is a number on the root", definition.path("Name")).isTrue();
            }
        }
    }
}
