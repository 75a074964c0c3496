package dev.supportdesk.telemetry;

/**
 * The functions' one telemetry port: counters and latency histograms over the {@link Metrics}
 * catalogue, with label values in the order of {@link Metric#labels()}. Each runtime provides one
 * (Prometheus text locally, CloudWatch Embedded Metric Format on AWS, OpenTelemetry on Azure); where
 * none is provided, {@link #noop()} keeps everything working.
 */
public interface Telemetry {

    /** Adds {@code amount} to a counter. */
    void count(Metric metric, long amount, String... labelValues);

    /** Records one observation of a histogram, in seconds. */
    void observe(Metric metric, double seconds, String... labelValues);

    default void increment(Metric metric, String... labelValues) {
        count(metric, 1, labelValues);
    }

    default void observeNanos(Metric metric, long nanos, String... labelValues) {
        observe(metric, nanos / 1e9, labelValues);
    }

    /**
     * One event counted and timed under the same labels (a request: its count and its duration). A runtime
     * may write both at once (one EMF document on AWS); by default it is {@link #increment} then {@link #observe}.
     */
    default void countAndObserve(Metric counter, Metric histogram, double seconds, String... labelValues) {
        increment(counter, labelValues);
        observe(histogram, seconds, labelValues);
    }

    static Telemetry noop() {
        return NoopTelemetry.INSTANCE;
    }

    /** Reports to every one of {@code targets}. */
    static Telemetry both(Telemetry first, Telemetry second) {
        return new Telemetry() {
            @Override
            public void count(Metric metric, long amount, String... labelValues) {
                first.count(metric, amount, labelValues);
                second.count(metric, amount, labelValues);
            }

            @Override
            public void observe(Metric metric, double seconds, String... labelValues) {
                first.observe(metric, seconds, labelValues);
                second.observe(metric, seconds, labelValues);
            }

            @Override
            public void countAndObserve(Metric counter, Metric histogram, double seconds, String... labelValues) {
                first.countAndObserve(counter, histogram, seconds, labelValues);
                second.countAndObserve(counter, histogram, seconds, labelValues);
            }
        };
    }
}

enum NoopTelemetry implements Telemetry {
    INSTANCE;

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
    }
}
