package dev.supportdesk.aws;

import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Telemetry;
import java.io.IOException;

/**
 * The Lambda functions' telemetry, silent while {@link SnapStartPriming} sends its requests: they are
 * no caller's, so they must not reach CloudWatch metrics (alarms count 4xx) nor the instance's registry.
 */
final class PrimingAwareTelemetry implements Telemetry {

    /** Work that may throw what the handlers throw. */
    interface Priming {
        void run() throws IOException;
    }

    private final Telemetry delegate;
    private volatile boolean priming;

    PrimingAwareTelemetry(Telemetry delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} with telemetry switched off (priming runs before the snapshot, single-threaded). */
    void silently(Priming work) throws IOException {
        priming = true;
        try {
            work.run();
        } finally {
            priming = false;
        }
    }

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
        if (!priming) {
            delegate.count(metric, amount, labelValues);
        }
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
        if (!priming) {
            delegate.observe(metric, seconds, labelValues);
        }
    }

    @Override
    public void countAndObserve(Metric counter, Metric histogram, double seconds, String... labelValues) {
        if (!priming) {
            delegate.countAndObserve(counter, histogram, seconds, labelValues);
        }
    }
}
