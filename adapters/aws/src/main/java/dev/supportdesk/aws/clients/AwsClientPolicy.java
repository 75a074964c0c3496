package dev.supportdesk.aws.clients;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Timeouts and retries of every AWS SDK client, in one place. A client is built with
 * {@code .httpClient(policy.httpClient()).overrideConfiguration(policy.overrides())}.
 *
 * <p>Why these values: the API function answers through API Gateway, whose integration timeout and
 * the function's are 30 s, and a request makes up to four store calls one after the other; so a
 * store call may take at most {@link #STORE}'s 5 s in all (three attempts of at most 2 s, with the
 * SDK's standard backoff: jittered, from 100 ms; throttling from 1 s), and the handler still answers
 * a 503 with Retry-After before the gateway gives up. DynamoDB, Step Functions and Lambda answer in
 * milliseconds, so 2 s per attempt is far above their normal latency. S3 ({@link #BLOBS}) also
 * streams whole documents to the OCR function (up to 20 MB), hence 10 s per attempt and 25 s in all.
 * Connecting gets 2 s (a regional endpoint connects in milliseconds); a read that stalls fails after
 * the attempt's time. Retried: what the SDK's standard strategy retries (I/O errors, timeouts, 5xx,
 * throttling), never a 4xx such as a failed condition.
 *
 * @param connectTimeout TCP connect
 * @param readTimeout    the socket's read timeout (no byte for that long)
 * @param attemptTimeout one HTTP attempt, response included
 * @param callTimeout    the whole call, all attempts and backoff included
 * @param maxAttempts    attempts per call, the first included
 */
public record AwsClientPolicy(Duration connectTimeout, Duration readTimeout, Duration attemptTimeout,
                              Duration callTimeout, int maxAttempts) {

    /** DynamoDB, Step Functions, Lambda. */
    public static final AwsClientPolicy STORE = new AwsClientPolicy(
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 3);

    /** S3. */
    public static final AwsClientPolicy BLOBS = new AwsClientPolicy(
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(25), 3);

    public ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attemptTimeout)
                .apiCallTimeout(callTimeout)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                .build();
    }

    public SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(readTimeout).build();
    }
}
