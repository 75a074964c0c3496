package dev.supportdesk.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric every runtime reports under the same name: a Prometheus family locally, a CloudWatch
 * metric (Embedded Metric Format) on AWS, an Application Insights metric on Azure.
 *
 * @param name      the metric's name on every runtime ({@code snake_case}, counters end in {@code _total},
 *                  durations are in seconds and end in {@code _seconds})
 * @param kind      counter or histogram
 * @param help      one line for operators
 * @param labels    the label names; every value is from a bounded set (a route template, a status class,
 *                  an outcome, a model version), never an id
 * @param rollups   the label subsets a cloud metric store aggregates over as well as the full set (CloudWatch
 *                  does not aggregate across dimensions, so its alarms need these); the empty subset is
 *                  always published
 */
public record Metric(String name, Kind kind, String help, List<String> labels, List<List<String>> rollups) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public enum Kind {
        COUNTER("Count"), HISTOGRAM("Seconds");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        /** The CloudWatch unit of the metric's values. */
        public String unit() {
            return unit;
        }
    }

    public Metric {
        Objects.requireNonNull(kind, "kind");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name " + name + " is not snake_case");
        }
        if (kind == Kind.COUNTER != name.endsWith("_total")) {
            throw new IllegalArgumentException("counters and only counters end in _total: " + name);
        }
        if (kind == Kind.HISTOGRAM && !name.endsWith("_seconds")) {
            throw new IllegalArgumentException("histograms measure seconds: " + name);
        }
        labels = List.copyOf(labels);
        labels.forEach(label -> {
            if (!NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("label " + label + " of " + name + " is not snake_case");
            }
        });
        rollups = rollups.stream().map(List::copyOf).toList();
        for (List<String> rollup : rollups) {
            if (!labels.containsAll(rollup)) {
                throw new IllegalArgumentException("rollup " + rollup + " of " + name + " names labels it has not");
            }
        }
    }

    /**
     * The name alone: it is unique in the catalogue, and every runtime looks a metric up per measurement, so
     * the hash must not walk the help text and label lists each time.
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    public static Metric counter(String name, String help, List<String> labels, List<List<String>> rollups) {
        return new Metric(name, Kind.COUNTER, help, labels, rollups);
    }

    public static Metric histogram(String name, String help, List<String> labels, List<List<String>> rollups) {
        return new Metric(name, Kind.HISTOGRAM, help, labels, rollups);
    }

    /** The label sets a cloud store publishes this metric under: none, every rollup, all labels. */
    public List<List<String>> dimensionSets() {
        java.util.LinkedHashSet<List<String>> sets = new java.util.LinkedHashSet<>();
        sets.add(List.of());
        sets.addAll(rollups);
        sets.add(labels);
        return List.copyOf(sets);
    }

    void check(String[] values) {
        if (values.length != labels.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labels + ", got " + values.length + " values");
        }
        for (String value : values) {
            Objects.requireNonNull(value, () -> "a label value of " + name);
        }
    }
}
