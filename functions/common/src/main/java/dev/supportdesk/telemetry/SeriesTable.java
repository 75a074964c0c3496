package dev.supportdesk.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The series of every metric of one view (the instance's, or one tenant's), and their Prometheus text and JSON
 * renderings.
 */
final class SeriesTable {

    /** Histogram bucket upper bounds, in seconds: from a fast API call to a slow OCR page. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final ConcurrentMap<Metric, ConcurrentMap<LabelValues, Series>> series = new ConcurrentHashMap<>();

    /** The series of {@code key} (the label values {@code labelValues}), made on first use. */
    Series seriesOf(Metric metric, LabelValues key, String[] labelValues) {
        ConcurrentMap<LabelValues, Series> ofMetric = series.get(metric);
        if (ofMetric == null) {
            ofMetric = series.computeIfAbsent(metric, m -> new ConcurrentHashMap<>());
        }
        Series s = ofMetric.get(key);
        if (s == null) {
            metric.check(labelValues);
            s = ofMetric.computeIfAbsent(key.stored(), v -> new Series());
        }
        return s;
    }

    Series existing(Metric metric, String[] labelValues) {
        ConcurrentMap<LabelValues, Series> ofMetric = series.get(metric);
        return ofMetric == null ? null : ofMetric.get(LabelValues.lookup(labelValues));
    }

    Map<LabelValues, Series> of(Metric metric) {
        return series.getOrDefault(metric, new ConcurrentHashMap<>());
    }

    /** Every metric of {@link Metrics#ALL}, with this table's series, in the text exposition format 0.0.4. */
    void prometheus(StringBuilder out) {
        for (Metric metric : Metrics.ALL) {
            out.append("# HELP ").append(metric.name()).append(' ').append(escapeHelp(metric.help())).append('\n');
            out.append("# TYPE ").append(metric.name()).append(' ')
                    .append(metric.kind() == Metric.Kind.COUNTER ? "counter" : "histogram").append('\n');
            Map<List<String>, Series> all = new TreeMap<>(Comparator.comparing(Object::toString));
            of(metric).forEach((labels, s) -> all.put(labels.asList(), s));
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
    }

    /** Per metric, per series, the count (and for histograms the sum in seconds). */
    void json(ObjectNode metrics) {
        for (Metric metric : Metrics.ALL) {
            ArrayNode list = metrics.putArray(metric.name());
            of(metric).forEach((key, s) -> {
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
    }

    /** One family of a single unlabelled sample (the registry's own figures). */
    static void family(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
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

    static final class Series {
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);

        void observe(double seconds) {
            count.increment();
            sum.add(seconds);
            int bucket = 0;
            while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
                bucket++;
            }
            buckets.incrementAndGet(bucket);
        }
    }
}
