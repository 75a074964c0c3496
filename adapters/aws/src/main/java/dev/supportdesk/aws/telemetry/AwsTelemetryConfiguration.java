package dev.supportdesk.aws.telemetry;

import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Every AWS function's telemetry: CloudWatch Embedded Metric Format on standard output, plus this
 * instance's in-process registry, which the predict function's {@code GET /metrics} shows.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AwsMetricsProperties.class)
public class AwsTelemetryConfiguration {

    @Bean
    MetricRegistry metricRegistry() {
        return new MetricRegistry();
    }

    @Bean
    @Primary
    Telemetry telemetry(AwsMetricsProperties properties, MetricRegistry instance) {
        return Telemetry.both(EmfTelemetry.toStdout(properties), instance);
    }
}
