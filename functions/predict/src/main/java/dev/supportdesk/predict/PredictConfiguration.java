package dev.supportdesk.predict;

import dev.supportdesk.config.HttpApiConfiguration;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The predict family: {@code GET /models}, the predict routes and {@code GET /metrics} in the
 * {@code api} function. The runtime provides {@link BlobStore} (where model packages live) and
 * {@link Clock}.
 */
@Configuration(proxyBeanMethods = false)
@Import(HttpApiConfiguration.class)
@EnableConfigurationProperties(PredictProperties.class)
public class PredictConfiguration {

    @Bean
    ModelRegistry modelRegistry(BlobStore blobs, Clock clock, PredictProperties properties) {
        return new ModelRegistry(blobs, clock, properties.recheckInterval());
    }

    @Bean
    PredictMetrics predictMetrics() {
        return new PredictMetrics();
    }

    @Bean
    PredictRoutes predictRoutes(ModelRegistry models, PredictMetrics metrics, PredictProperties properties,
                                ObjectProvider<Telemetry> telemetry, ObjectProvider<MetricRegistry> instanceView) {
        return new PredictRoutes(models, properties.maxBatchSize(), metrics, telemetry.getIfAvailable(Telemetry::noop),
                Optional.ofNullable(instanceView.getIfAvailable()));
    }
}
