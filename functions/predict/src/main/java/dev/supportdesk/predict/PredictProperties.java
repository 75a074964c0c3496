package dev.supportdesk.predict;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How models are served ({@code supportdesk.predict.*}, {@code SUPPORTDESK_PREDICT_*} on the clouds).
 *
 * @param maxBatchSize the most instances one predict request may carry
 * @param recheckInterval how often a model's {@code current} pointer is re-read (and a failed
 *                        package load retried)
 */
@ConfigurationProperties("supportdesk.predict")
public record PredictProperties(
        @DefaultValue("100") int maxBatchSize,
        @DefaultValue("30s") Duration recheckInterval) {
}
