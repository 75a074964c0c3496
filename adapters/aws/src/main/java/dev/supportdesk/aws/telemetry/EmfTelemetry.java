package dev.supportdesk.aws.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Telemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link Telemetry} as CloudWatch Embedded Metric Format documents, one JSON line on standard output per
 * measurement: Lambda hands the line to CloudWatch Logs, which extracts the metric (no API call, no agent).
 * The namespace and the {@value #SERVICE} dimension come from the template's environment
 * ({@link AwsMetricsProperties}); the other dimensions are the metric's labels, published under each of
 * {@link Metric#dimensionSets()} so that alarms can read totals. The request id and trace id of the log
 * context ride along as plain members (never dimensions), so a metric line can be traced to its request.
 */
public final class EmfTelemetry implements Telemetry {

    /** The dimension every document carries: the stack, so that two stacks in one account never mix. */
    public static final String SERVICE = "service";

    public static final String DEFAULT_NAMESPACE = "supportdesk";

    private static final JsonFactory JSON = new JsonFactory();

    private final String namespace;
    private final String service;
    private final Consumer<String> out;
    private final Clock clock;

    public EmfTelemetry(String namespace, String service, Consumer<String> out, Clock clock) {
        // sam/template.yaml sets both (SamTemplateConsistencyTest); the defaults keep a context without them
        // (a test, a hand-made function) working instead of failing on its first request.
        this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        this.service = service == null || service.isBlank() ? "unnamed" : service;
        this.out = out;
        this.clock = clock;
    }

    public static EmfTelemetry toStdout(AwsMetricsProperties properties) {
        PrintStream stdout = System.out;
        return new EmfTelemetry(properties.namespace(), properties.service(), stdout::println, Clock.systemUTC());
    }

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
        if (amount != 0) {
            out.accept(document(metric, amount, labelValues));
        }
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
        out.accept(document(metric, seconds, labelValues));
    }

    /** One EMF document for one value of {@code metric}. */
    public String document(Metric metric, Number value, String... labelValues) {
        if (labelValues.length != metric.labels().size()) {
            throw new IllegalArgumentException(metric.name() + " takes labels " + metric.labels());
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", clock.millis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            for (List<String> set : metric.dimensionSets()) {
                json.writeStartArray();
                json.writeString(SERVICE);
                for (String label : set) {
                    json.writeString(label);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            json.writeStartObject();
            json.writeStringField("Name", metric.name());
            json.writeStringField("Unit", metric.kind().unit());
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(SERVICE, service);
            for (int i = 0; i < labelValues.length; i++) {
                json.writeStringField(metric.labels().get(i), labelValues[i]);
            }
            if (value instanceof Long l) {
                json.writeNumberField(metric.name(), l);
            } else {
                json.writeNumberField(metric.name(), value.doubleValue());
            }
            String requestId = LogContext.requestId();
            if (requestId != null) {
                json.writeStringField(LogContext.REQUEST_ID, requestId);
            }
            String traceId = LogContext.traceId();
            if (traceId != null) {
                json.writeStringField(LogContext.TRACE_ID, traceId);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
