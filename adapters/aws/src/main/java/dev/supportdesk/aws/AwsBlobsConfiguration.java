package dev.supportdesk.aws;

import dev.supportdesk.aws.store.S3BlobStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import dev.supportdesk.aws.telemetry.AwsTelemetryConfiguration;
import dev.supportdesk.aws.clients.AwsTransientFailures;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What every AWS function needs: the clock, the S3 blob store, the function catalog and telemetry. No component
 * scanning and only Spring Cloud Function's own auto-configuration, to keep the cold start short;
 * SDK clients are built once per Lambda instance.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ContextFunctionCatalogAutoConfiguration.class)
@EnableConfigurationProperties(AwsProperties.class)
@Import(AwsTelemetryConfiguration.class)
public class AwsBlobsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** SDK timeouts, throttling and 5xx answer 503 with Retry-After (see {@link dev.supportdesk.aws.clients.AwsClientPolicy}). */
    @Bean
    AwsTransientFailures transientFailures() {
        return new AwsTransientFailures();
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client() {
        return AwsClients.s3();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner() {
        return AwsClients.presigner();
    }

    @Bean
    S3BlobStore blobStore(S3Client s3, S3Presigner presigner, AwsProperties properties) {
        return new S3BlobStore(s3, presigner, AwsProperties.required(properties.bucketName(), "SUPPORTDESK_AWS_BUCKET_NAME"));
    }
}
