package dev.supportdesk.aws.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.domain.Unavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwsTransientFailuresTest {

    private final AwsTransientFailures failures = new AwsTransientFailures();

    /**
     * What CI saw while the table's proxy was down (the stack of a real failure, top frame): the URL-connection
     * client's request body write failing, wrapped in an UncheckedIOException the SDK let through; it was a 500.
     */
    @Test
    void aConnectionBrokenWhileTheSdkSendsTheRequestIsUnavailable() {
        UncheckedIOException broken = new UncheckedIOException(new IOException("Error writing to server"));
        broken.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("software.amazon.awssdk.utils.FunctionalUtils", "asRuntimeException",
                        "FunctionalUtils.java", 180),
                new StackTraceElement("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient$RequestCallable",
                        "tryGetOutputStream", "UrlConnectionHttpClient.java", 331)});

        assertThat(failures.classify(broken)).get().extracting(Unavailable::retryAfter).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anIoFailureOfTheProjectsOwnCodeIsNotTheStoresOutage() {
        assertThat(failures.classify(new UncheckedIOException(new IOException("disk full")))).isEmpty();
        assertThat(failures.classify(new IllegalStateException("a bug"))).isEmpty();
    }
}
