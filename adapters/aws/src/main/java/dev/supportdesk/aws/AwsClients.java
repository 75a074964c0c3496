package dev.supportdesk.aws;

import dev.supportdesk.aws.clients.AwsClientPolicy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * How every SDK client of the Lambda functions is built (the deployed functional contexts and the
 * configuration classes alike): the url-connection HTTP client with the timeouts and retries of
 * {@link AwsClientPolicy}, the region
 * and the credentials provider taken from the Lambda environment, so the SDK probes no provider
 * chain (no profile files, no instance metadata). Lambda gives a function its credentials in
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, except under
 * SnapStart, where a restored instance gets them from the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}); endpoint overrides ({@code AWS_ENDPOINT_URL_*}) still apply.
 */
public final class AwsClients {

    /** The one credentials provider of every client; {@link #refreshCredentials()} drops what it cached. */
    static final RefreshableCredentials CREDENTIALS = new RefreshableCredentials();

    private AwsClients() {
    }

    /**
     * After a SnapStart restore: forget credentials resolved before the snapshot (the restored
     * instance gets its own from the container credentials endpoint).
     */
    static void refreshCredentials() {
        CREDENTIALS.refresh();
    }

    /** Delegates to a provider chosen from the environment, replaced (and its cache dropped) on {@link #refresh()}. */
    static final class RefreshableCredentials implements AwsCredentialsProvider {

        private volatile AwsCredentialsProvider delegate = environment();
        private volatile int generation;

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return delegate.resolveCredentials();
        }

        void refresh() {
            AwsCredentialsProvider old = delegate;
            delegate = environment();
            generation++;
            if (old instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // a cache being dropped
                }
            }
        }

        int generation() {
            return generation;
        }

        private static AwsCredentialsProvider environment() {
            return System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                    ? ContainerCredentialsProvider.create()
                    : EnvironmentVariableCredentialsProvider.create();
        }
    }

    static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    static AwsCredentialsProvider credentials() {
        return CREDENTIALS;
    }

    static DynamoDbClient dynamoDb() {
        return build(DynamoDbClient.builder(), AwsClientPolicy.STORE);
    }

    static S3Client s3() {
        return build(S3Client.builder(), AwsClientPolicy.BLOBS);
    }

    static S3Presigner presigner() {
        return S3Presigner.builder().region(region()).credentialsProvider(credentials()).build();
    }

    static SfnClient sfn() {
        return build(SfnClient.builder(), AwsClientPolicy.STORE);
    }

    static LambdaClient lambda() {
        return build(LambdaClient.builder(), AwsClientPolicy.STORE);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsClientPolicy policy) {
        return builder.region(region()).credentialsProvider(credentials()).httpClient(policy.httpClient())
                .overrideConfiguration(policy.overrides()).build();
    }
}
