package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.clients.AwsClientPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** Every SDK client the functions build carries the policy's bounded timeouts and retries. */
class AwsClientPolicyTest {

    /** API Gateway's integration timeout and the API function's. */
    private static final Duration API_DEADLINE = Duration.ofSeconds(30);
    private static final int STORE_CALLS_PER_REQUEST = 4;

    @BeforeAll
    static void region() {
        System.setProperty("aws.region", "eu-west-1");
    }

    @AfterAll
    static void clearRegion() {
        System.clearProperty("aws.region");
    }

    @Test
    void theStoreBudgetLetsARequestAnswerBeforeTheGatewayGivesUp() {
        for (AwsClientPolicy policy : List.of(AwsClientPolicy.STORE, AwsClientPolicy.BLOBS)) {
            assertThat(policy.attemptTimeout()).isLessThanOrEqualTo(policy.callTimeout());
            assertThat(policy.maxAttempts()).isBetween(2, 3);
        }
        assertThat(AwsClientPolicy.STORE.callTimeout().multipliedBy(STORE_CALLS_PER_REQUEST)).isLessThan(API_DEADLINE);
    }

    @Test
    void everyClientTheConfigurationsBuildHasTheTimeoutsAndRetries() {
        List<SdkClient> clients = List.of(new AwsTablesConfiguration().dynamoDbClient(), new AwsApiConfiguration().sfnClient(),
                new AwsWorkflowConfiguration().lambdaClient(), new AwsBlobsConfiguration().s3Client());
        for (SdkClient client : clients) {
            try (client) {
                ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();
                AwsClientPolicy policy = client.serviceName().equals("s3") ? AwsClientPolicy.BLOBS : AwsClientPolicy.STORE;
                assertThat(overrides.apiCallTimeout()).as(client.serviceName()).hasValue(policy.callTimeout());
                assertThat(overrides.apiCallAttemptTimeout()).as(client.serviceName()).hasValue(policy.attemptTimeout());
                assertThat(overrides.retryStrategy()).as(client.serviceName())
                        .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(policy.maxAttempts()));
            }
        }
    }
}
