package dev.supportdesk.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-process {@link Telemetry}: what this instance has counted since it started. Renders the
 * Prometheus text exposition format (version 0.0.4) and a JSON view. The local runtime serves it on
 * {@code GET /metrics}; tests read it to see what the functions reported.
 */
public final class MetricRegistry implements Telemetry {

    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Histogram bucket upper bounds, in seconds: from a fast API call to a slow OCR page. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final ConcurrentMap<Metric, ConcurrentMap<LabelValues, Series>> series = new ConcurrentHashMap<>();

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
        if (metric.kind() != Metric.Kind.COUNTER) {
            throw new IllegalArgumentException(metric.name() + " is not a counter");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("a counter only goes up: " + metric.name());
        }
        seriesOf(metric, labelValues).count.add(amount);
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
        if (metric.kind() != Metric.Kind.HISTOGRAM) {
            throw new IllegalArgumentException(metric.name() + " is not a histogram");
        }
        Series s = seriesOf(metric, labelValues);
        s.count.increment();
        s.sum.add(seconds);
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
            bucket++;
        }
        s.buckets.incrementAndGet(bucket);
    }

    private Series seriesOf(Metric metric, String[] labelValues) {
        ConcurrentMap<LabelValues, Series> ofMetric = series.get(metric);
        if (ofMetric == null) {
            ofMetric = series.computeIfAbsent(metric, m -> new ConcurrentHashMap<>());
        }
        Series s = ofMetric.get(LabelValues.lookup(labelValues));
        if (s == null) {
            metric.check(labelValues);
            s = ofMetric.computeIfAbsent(LabelValues.lookup(labelValues).stored(), v -> new Series());
        }
        return s;
    }

    /** The count of a counter's or histogram's series (0 when it has none yet). */
    public long count(Metric metric, String... labelValues) {
        Series s = series.getOrDefault(metric, new ConcurrentHashMap<>()).get(LabelValues.lookup(labelValues));
        return s == null ? 0 : s.count.sum();
    }

    /** Every series of a metric: label values → count. */
    public Map<List<String>, Long> counts(Metric metric) {
        Map<List<String>, Long> result = new java.util.LinkedHashMap<>();
        series.getOrDefault(metric, new ConcurrentHashMap<>())
                .forEach((labels, s) -> result.put(labels.asList(), s.count.sum()));
        return result;
    }

    /** The Prometheus text exposition of every metric of {@link Metrics#ALL}. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        for (Metric metric : Metrics.ALL) {
            out.append("# HELP ").append(metric.name()).append(' ').append(escapeHelp(metric.help())).append('\n');
            out.append("# TYPE ").append(metric.name()).append(' ')
                    .append(metric.kind() == Metric.Kind.COUNTER ? "counter" : "histogram").append('\n');
            Map<List<String>, Series> all = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
            series.getOrDefault(metric, new ConcurrentHashMap<>()).forEach((labels, s) -> all.put(labels.asList(), s));
            all.forEach((values, s) -> {
                if (metric.kind() == Metric.Kind.COUNTER) {
                    sample(out, metric.name(), metric.labels(), values, null, Long.toString(s.count.sum()));
                    return;
                }
                long cumulative = 0;
                for (int i = 0; i <= BUCKETS.length; i++) {
                    cumulative += s.buckets.get(i);
                    String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
                    sample(out, metric.name() + "_bucket", metric.labels(), values, le, Long.toString(cumulative));
                }
                sample(out, metric.name() + "_sum", metric.labels(), values, null, number(s.sum.sum()));
                sample(out, metric.name() + "_count", metric.labels(), values, null, Long.toString(s.count.sum()));
            });
        }
        return out.toString();
    }

    /** The JSON view: per metric, per series, the count (and for histograms the sum in seconds). */
    public ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("scope", "instance");
        ObjectNode metrics = root.putObject("metrics");
        for (Metric metric : Metrics.ALL) {
            ArrayNode list = metrics.putArray(metric.name());
            series.getOrDefault(metric, new ConcurrentHashMap<>()).forEach((key, s) -> {
                List<String> values = key.asList();
                ObjectNode node = list.addObject();
                ObjectNode labels = node.putObject("labels");
                for (int i = 0; i < values.size(); i++) {
                    labels.put(metric.labels().get(i), values.get(i));
                }
                node.put("count", s.count.sum());
                if (metric.kind() == Metric.Kind.HISTOGRAM) {
                    node.put("sumSeconds", s.sum.sum());
                }
            });
        }
        return root;
    }

    private static void sample(StringBuilder out, String name, List<String> labels, List<String> values, String le,
                               String value) {
        out.append(name);
        if (!labels.isEmpty() || le != null) {
            out.append('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels.get(i)).append("=\"").append(escapeValue(values.get(i))).append('"');
            }
            if (le != null) {
                out.append(labels.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }

    private static String escapeValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static final class Series {
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);

        @Override
        public String toString() {
            return "Series" + Arrays.toString(new long[] {count.sum()});
        }
    }
}
