package dev.supportdesk.azure.clients;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;

/**
 * Timeouts and retries of every Azure SDK client, in one place, with the same reasoning as the AWS
 * side's {@code AwsClientPolicy}: a table call takes at most about 5 s in all (three tries of at most
 * 2 s each, exponential backoff from 200 ms), a blob or queue call at most three tries of 10 s (blobs
 * stream whole documents to the OCR function), so that an HTTP request answers 503 with Retry-After
 * long before the front end gives up. Retried: I/O errors, timeouts, 408, 429, 500, 502, 503, 504 (the
 * SDKs' own rules); never a failed condition (412) or a conflict (409).
 */
public final class AzureClientPolicy {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration TABLE_TRY_TIMEOUT = Duration.ofSeconds(2);
    static final Duration BLOB_TRY_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_TRIES = 3;
    static final Duration BASE_DELAY = Duration.ofMillis(200);
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private AzureClientPolicy() {
    }

    /** The HTTP client of the blob and queue clients and the credential: 2 s to connect, 10 s without an answer. */
    public static HttpClient httpClient() {
        return httpClient(BLOB_TRY_TIMEOUT);
    }

    /** The table client's: 2 s to connect, 2 s without an answer (one table operation is milliseconds). */
    public static HttpClient tableHttpClient() {
        return httpClient(TABLE_TRY_TIMEOUT);
    }

    private static HttpClient httpClient(Duration tryTimeout) {
        return new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT).responseTimeout(tryTimeout)
                .readTimeout(tryTimeout).writeTimeout(tryTimeout).build();
    }

    /** Tables: three tries, each bounded by {@link #tableHttpClient()}'s timeouts. */
    public static RetryOptions tableRetries() {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(MAX_TRIES - 1)
                .setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY));
    }

    /** Blobs and queues: the storage SDK's own retry options, with a timeout per try. */
    public static RequestRetryOptions storageRetries() {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_TRIES, BLOB_TRY_TIMEOUT, BASE_DELAY, MAX_DELAY, null);
    }
}
