package dev.supportdesk.aws.clients;

import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.ports.TransientFailures;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The AWS SDK's transient failures, once its retries are spent: no answer in time or no connection
 * ({@link SdkClientException}, which includes the call and attempt timeouts, or an I/O failure the
 * SDK's HTTP client lets through), throttling, a 5xx.
 */
public final class AwsTransientFailures implements TransientFailures {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Override
    public Optional<Unavailable> classify(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkClientException) {
                return unavailable("did not answer in time");
            }
            if (cause instanceof UncheckedIOException && thrownBySdk(cause)) {
                // The URL-connection client wraps a connection broken while it sends the request in an
                // UncheckedIOException, which the SDK neither retries nor translates (aws-sdk-java-v2 #7347).
                return unavailable("could not be reached");
            }
            if (cause instanceof AwsServiceException service
                    && (service.isThrottlingException() || service.statusCode() >= 500)) {
                return unavailable("is overloaded or failing (" + service.statusCode() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean thrownBySdk(Throwable failure) {
        return Arrays.stream(failure.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("software.amazon.awssdk."));
    }

    private static Optional<Unavailable> unavailable(String what) {
        return Optional.of(new Unavailable("a storage service " + what + "; try again after Retry-After",
                RETRY_AFTER));
    }
}
