package dev.supportdesk.azure.telemetry;

import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Telemetry} through the OpenTelemetry metrics API, under the catalogue's names and labels.
 * On Azure the Functions Java worker's Application Insights agent ({@code APPLICATIONINSIGHTS_ENABLE_AGENT})
 * provides the OpenTelemetry implementation behind {@link io.opentelemetry.api.GlobalOpenTelemetry} and sends
 * these as Application Insights custom metrics; without the agent the global instance is a no-op.
 */
public final class OpenTelemetryTelemetry implements Telemetry {

    public static final String SCOPE = "dev.supportdesk";

    private final Meter meter;
    private final Map<Metric, LongCounter> counters = new ConcurrentHashMap<>();
    private final Map<Metric, DoubleHistogram> histograms = new ConcurrentHashMap<>();
    private final Map<Metric, List<AttributeKey<String>>> keys = new ConcurrentHashMap<>();

    public OpenTelemetryTelemetry(OpenTelemetry openTelemetry) {
        this.meter = openTelemetry.getMeter(SCOPE);
    }

    @Override
    public void count(Metric metric, long amount, String... labelValues) {
        if (amount == 0) {
            return;
        }
        counters.computeIfAbsent(metric, m -> meter.counterBuilder(m.name()).setDescription(m.help()).setUnit("1").build())
                .add(amount, attributes(metric, labelValues));
    }

    @Override
    public void observe(Metric metric, double seconds, String... labelValues) {
        histograms.computeIfAbsent(metric, m -> meter.histogramBuilder(m.name()).setDescription(m.help()).setUnit("s").build())
                .record(seconds, attributes(metric, labelValues));
    }

    private Attributes attributes(Metric metric, String[] values) {
        List<AttributeKey<String>> names = keys.computeIfAbsent(metric,
                m -> m.labels().stream().map(AttributeKey::stringKey).toList());
        if (values.length != names.size()) {
            throw new IllegalArgumentException(metric.name() + " takes labels " + metric.labels());
        }
        AttributesBuilder builder = Attributes.builder();
        for (int i = 0; i < values.length; i++) {
            builder.put(names.get(i), values[i]);
        }
        return builder.build();
    }
}
