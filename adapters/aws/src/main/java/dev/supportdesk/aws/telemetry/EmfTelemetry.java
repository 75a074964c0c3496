package dev.supportdesk.aws.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.supportdesk.telemetry.LabelValues;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Telemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<Metric, Fragments> fragments = new ConcurrentHashMap<>();
    /** By counter: the histogram it was last paired with, and their shared fragments (null: not combinable). */
    private final Map<Metric, Pair> pairs = new ConcurrentHashMap<>();
    /** Each thread formats its documents in its own buffer, reused: no growing and copying per document. */
    private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(BUFFER));

    private static final int BUFFER = 1024;

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

    /**
     * One document for both when they share labels and dimension sets (a request's count and duration): half
     * the lines, half the work.
     */
    @Override
    public void countAndObserve(Metric counter, Metric histogram, double seconds, String... labelValues) {
        Pair pair = pairs.get(counter);
        if (pair == null || pair.histogram() != histogram) {
            pair = pair(counter, histogram);
            pairs.put(counter, pair);
        }
        if (pair.fragments() == null) {
            Telemetry.super.countAndObserve(counter, histogram, seconds, labelValues);
            return;
        }
        out.accept(document(pair.fragments(), counter, 1L, histogram.name(), seconds, labelValues));
    }

    private record Pair(Metric histogram, Fragments fragments) {
    }

    private Pair pair(Metric counter, Metric histogram) {
        boolean combinable = counter.labels().equals(histogram.labels())
                && counter.dimensionSets().equals(histogram.dimensionSets());
        return new Pair(histogram, combinable ? fragments(counter, histogram) : null);
    }

    /** One EMF document for one value of {@code metric}. */
    public String document(Metric metric, Number value, String... labelValues) {
        return document(fragments.computeIfAbsent(metric, m -> fragments(m, null)), metric, value, null, 0, labelValues);
    }

    private String document(Fragments fragments, Metric metric, Number value, String secondName, double secondValue,
                            String... labelValues) {
        if (labelValues.length != metric.labels().size()) {
            throw new IllegalArgumentException(metric.name() + " takes labels " + metric.labels());
        }
        StringBuilder json = buffer();
        json.append(TIMESTAMP).append(clock.millis()).append(fragments.middle(labelValues));
        if (value instanceof Long l) {
            json.append(l.longValue());
        } else if (metric.kind() == Metric.Kind.HISTOGRAM) {
            seconds(json, value.doubleValue());
        } else {
            double d = value.doubleValue();
            json.append(Double.isFinite(d) ? Double.toString(d) : "0");
        }
        if (secondName != null) {
            json.append(fragments.second);
            seconds(json, secondValue);
        }
        String requestId = LogContext.requestId();
        if (requestId != null) {
            json.append(REQUEST_ID);
            string(json, requestId);
        }
        String traceId = LogContext.traceId();
        if (traceId != null) {
            json.append(TRACE_ID);
            string(json, traceId);
        }
        return json.append('}').toString();
    }

    private static final String TIMESTAMP = "{\"_aws\":{\"Timestamp\":";
    private static final String REQUEST_ID = ",\"" + LogContext.REQUEST_ID + "\":";
    private static final String TRACE_ID = ",\"" + LogContext.TRACE_ID + "\":";

    /**
     * A duration in seconds as a plain decimal to the nanosecond, written with integer arithmetic:
     * {@code Double.toString} alone costs a tenth of a fast request.
     */
    static void seconds(StringBuilder json, double seconds) {
        if (!(seconds >= 0 && seconds < 1e9)) {
            json.append(Double.isFinite(seconds) ? Double.toString(seconds) : "0");
            return;
        }
        long nanos = Math.round(seconds * 1e9);
        json.append(nanos / 1_000_000_000L).append('.');
        long fraction = nanos % 1_000_000_000L;
        int digits = 9;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        for (long scale = pow10(digits - 1); scale > 1 && fraction < scale; scale /= 10) {
            json.append('0');
        }
        json.append(fraction);
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private StringBuilder buffer() {
        StringBuilder json = buffers.get();
        if (json.capacity() > 16 * BUFFER) {
            json = new StringBuilder(BUFFER); // an unusually long document once: do not keep its buffer
            buffers.set(json);
        }
        json.setLength(0);
        return json;
    }

    /**
     * What is the same in every document of a metric: the directive and the member names, written once; and per
     * series (label values: bounded by design), everything between the timestamp and the value.
     */
    private static final class Fragments {
        /** Enough for every route × method × status class; past it a misused label is formatted, not kept. */
        private static final int MAX_SERIES = 4096;

        private final String head;
        private final String[] labelKeys;
        private final String tail;
        private final String second;
        private final Map<LabelValues, String> middles = new ConcurrentHashMap<>();

        Fragments(String head, String[] labelKeys, String tail, String second) {
            this.head = head;
            this.labelKeys = labelKeys;
            this.tail = tail;
            this.second = second;
        }

        String middle(String[] labelValues) {
            String middle = middles.get(LabelValues.lookup(labelValues));
            if (middle == null) {
                StringBuilder text = new StringBuilder(head);
                for (int i = 0; i < labelValues.length; i++) {
                    text.append(labelKeys[i]);
                    string(text, labelValues[i]);
                }
                middle = text.append(tail).toString();
                if (middles.size() < MAX_SERIES) {
                    middles.putIfAbsent(LabelValues.lookup(labelValues).stored(), middle);
                }
            }
            return middle;
        }
    }

    private Fragments fragments(Metric metric, Metric second) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
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
            if (second != null) {
                json.writeStartObject();
                json.writeStringField("Name", second.name());
                json.writeStringField("Unit", second.kind().unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // text is {"CloudWatchMetrics":[...]}: the rest of the _aws object after the timestamp
        StringBuilder head = new StringBuilder(",").append(text.getBuffer(), 1, text.getBuffer().length()).append(",\"");
        head.append(SERVICE).append("\":");
        string(head, service);
        String[] keys = new String[metric.labels().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ",\"" + metric.labels().get(i) + "\":";
        }
        return new Fragments(head.toString(), keys, ",\"" + metric.name() + "\":",
                second == null ? null : ",\"" + second.name() + "\":");
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder json, String value) {
        json.append('"');
        if (plain(value)) {
            json.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
        }
        json.append('"');
    }

    /** Whether {@code value} needs no escaping (ids, templates): then it is copied whole. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }
}
