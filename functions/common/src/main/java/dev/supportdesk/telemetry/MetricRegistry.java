package dev.supportdesk.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-process {@link Telemetry}: what this instance has counted since it started. Renders the
 * Prometheus text exposition format (version 0.0.4) and a JSON view. The local runtime serves it on
 * {@code GET /metrics}; tests read it to see what the functions reported.
 *
 * <p>Besides the instance's figures it keeps a view per tenant: a measurement made while the log context names a
 * tenant (an authenticated request, a tenant's upload) also goes to that tenant's series, under the same names and
 * labels, so a tenant admin can be shown their share without a tenant label. Only this in-process registry does
 * that (the clouds' metrics never carry a tenant), and only for the first {@code tenantViews} tenants this
 * instance sees: the rest are in the instance figures only, and counted as such ({@value #OVERFLOW}).
 */
public final class MetricRegistry implements Telemetry {

    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** How many tenants get a view of their own unless told otherwise: a memory bound, not a business limit. */
    public static final int DEFAULT_TENANT_VIEWS = 200;

    static final String TENANT_VIEWS = "instance_tenant_views";
    static final String OVERFLOW = "instance_tenant_view_overflow_total";
    static final String TRACKED = "instance_tenant_view_tracked";

    private final SeriesTable instance = new SeriesTable();
    private final ConcurrentMap<String, SeriesTable> tenants = new ConcurrentHashMap<>();
    private final int tenantViews;
    private final LongAdder overflow = new LongAdder();

    public MetricRegistry() {
        this(DEFAULT_TENANT_VIEWS);
    }

    /** @param tenantViews the most tenants this instance keeps a view of (0: none) */
    public MetricRegistry(int tenantViews) {
        if (tenantViews < 0) {
            throw new IllegalArgumentException("tenantViews must not be negative");
        }
        this.tenantViews = tenantViews;
    }

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
        requireCounter(metric);
        if (amount < 0) {
            throw new IllegalArgumentException("a counter only goes up: " + metric.name());
        }
        LabelValues key = LabelValues.lookup(labelValues);
        instance.seriesOf(metric, key, labelValues).count.add(amount);
        SeriesTable tenant = tenantView();
        if (tenant != null) {
            tenant.seriesOf(metric, key, labelValues).count.add(amount);
        }
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
        requireHistogram(metric);
        LabelValues key = LabelValues.lookup(labelValues);
        instance.seriesOf(metric, key, labelValues).observe(seconds);
        SeriesTable tenant = tenantView();
        if (tenant != null) {
            tenant.seriesOf(metric, key, labelValues).observe(seconds);
        }
    }

    /** One label lookup and one look at the log context for both (every API request does this). */
    @Override
    public void countAndObserve(Metric counter, Metric histogram, double seconds, String... labelValues) {
        requireCounter(counter);
        requireHistogram(histogram);
        LabelValues key = LabelValues.lookup(labelValues);
        instance.seriesOf(counter, key, labelValues).count.increment();
        instance.seriesOf(histogram, key, labelValues).observe(seconds);
        SeriesTable tenant = tenantView();
        if (tenant != null) {
            tenant.seriesOf(counter, key, labelValues).count.increment();
            tenant.seriesOf(histogram, key, labelValues).observe(seconds);
        }
    }

    private static void requireCounter(Metric metric) {
        if (metric.kind() != Metric.Kind.COUNTER) {
            throw new IllegalArgumentException(metric.name() + " is not a counter");
        }
    }

    private static void requireHistogram(Metric metric) {
        if (metric.kind() != Metric.Kind.HISTOGRAM) {
            throw new IllegalArgumentException(metric.name() + " is not a histogram");
        }
    }

    /** The view of the log context's tenant; null outside a tenant's work or when the limit was reached first. */
    private SeriesTable tenantView() {
        String tenant = LogContext.tenant();
        if (tenant == null) {
            return null;
        }
        SeriesTable view = tenants.get(tenant);
        if (view == null) {
            synchronized (tenants) {
                view = tenants.get(tenant);
                if (view == null && tenants.size() < tenantViews) {
                    view = new SeriesTable();
                    tenants.put(tenant, view);
                }
            }
            if (view == null) {
                overflow.increment();
            }
        }
        return view;
    }

    /** The count of a counter's or histogram's series (0 when it has none yet). */
    public long count(Metric metric, String... labelValues) {
        SeriesTable.Series s = instance.existing(metric, labelValues);
        return s == null ? 0 : s.count.sum();
    }

    /** The count of a series in {@code tenant}'s view (0 when it has none, or no view). */
    public long count(String tenant, Metric metric, String... labelValues) {
        SeriesTable view = tenants.get(tenant);
        SeriesTable.Series s = view == null ? null : view.existing(metric, labelValues);
        return s == null ? 0 : s.count.sum();
    }

    /** Every series of a metric: label values → count. */
    public Map<List<String>, Long> counts(Metric metric) {
        Map<List<String>, Long> result = new java.util.LinkedHashMap<>();
        instance.of(metric).forEach((labels, s) -> result.put(labels.asList(), s.count.sum()));
        return result;
    }

    /**
     * The Prometheus text exposition of every metric of {@link Metrics#ALL}, every tenant's requests, plus how many
     * tenant views this instance keeps and how many measurements went past its limit.
     */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        instance.prometheus(out);
        SeriesTable.family(out, TENANT_VIEWS, "gauge",
                "Tenants this instance keeps a view of their own for (GET /metrics as a tenant admin), at most "
                        + tenantViews, tenants.size());
        SeriesTable.family(out, OVERFLOW, "counter",
                "Measurements of tenants that came after the limit of tenant views: in the instance figures only",
                overflow.sum());
        return out.toString();
    }

    /**
     * {@code tenant}'s view: the same families, with only the measurements made for that tenant, and whether this
     * instance keeps them (0 once its limit of tenant views was reached before the tenant came).
     */
    public String prometheus(String tenant) {
        StringBuilder out = new StringBuilder();
        tenants.getOrDefault(tenant, new SeriesTable()).prometheus(out);
        SeriesTable.family(out, TRACKED, "gauge",
                "1 if this instance counts this tenant's figures, 0 if it had reached its limit of tenant views first",
                tracked(tenant) ? 1 : 0);
        return out.toString();
    }

    private boolean tracked(String tenant) {
        return tenants.containsKey(tenant) || tenants.size() < tenantViews;
    }

    /** The JSON view: per metric, per series, the count (and for histograms the sum in seconds). */
    public ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("scope", "instance");
        instance.json(root.putObject("metrics"));
        root.putObject("tenantViews").put("tracked", tenants.size()).put("limit", tenantViews)
                .put("overflowMeasurements", overflow.sum());
        return root;
    }

    /** {@code tenant}'s JSON view, shaped like {@link #json()}. */
    public ObjectNode json(String tenant) {
        ObjectNode root = Json.object();
        root.put("scope", "instance");
        root.put("tenant", tenant);
        root.put("tracked", tracked(tenant));
        tenants.getOrDefault(tenant, new SeriesTable()).json(root.putObject("metrics"));
        return root;
    }
}
