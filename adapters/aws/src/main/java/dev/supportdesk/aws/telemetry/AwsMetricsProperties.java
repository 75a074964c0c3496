package dev.supportdesk.aws.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the AWS functions' metrics go, from the template's environment:
 * {@code SUPPORTDESK_AWS_METRICS_NAMESPACE} (the CloudWatch namespace the alarms and the dashboard read) and
 * {@code SUPPORTDESK_AWS_METRICS_SERVICE} (the value of the {@value EmfTelemetry#SERVICE} dimension: the stack).
 */
@ConfigurationProperties("supportdesk.aws.metrics")
public record AwsMetricsProperties(String namespace, String service) {
}
