package dev.supportdesk.predict;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The predict family's health figures: total requests, errors, and latency percentiles over the
 * most recent requests (a fixed ring of samples, so memory stays constant).
 */
public final class PredictMetrics {

    private static final int SAMPLES = 2048;

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final long[] latencyNanos = new long[SAMPLES];
    private long recorded;

    public void record(long nanos, boolean failed) {
        requests.increment();
        if (failed) {
            errors.increment();
        }
        synchronized (latencyNanos) {
            latencyNanos[(int) (recorded++ % SAMPLES)] = nanos;
        }
    }

    public ObjectNode snapshot() {
        long[] copy;
        synchronized (latencyNanos) {
            copy = Arrays.copyOf(latencyNanos, (int) Math.min(recorded, SAMPLES));
        }
        Arrays.sort(copy);
        ObjectNode node = Json.object()
                .put("totalRequests", requests.sum())
                .put("errors", errors.sum());
        ObjectNode latency = node.putObject("latencyMillis").put("samples", copy.length);
        latency.put("p50", percentile(copy, 0.50)).put("p99", percentile(copy, 0.99));
        return node;
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
