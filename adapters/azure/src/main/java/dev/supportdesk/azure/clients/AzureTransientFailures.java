package dev.supportdesk.azure.clients;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ServiceResponseException;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.ports.TransientFailures;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The Azure SDK's transient failures, once its retries are spent: no connection or no answer in time
 * (an I/O error or timeout anywhere in the cause chain, a {@link ServiceResponseException}), or the
 * service saying it is busy or failing (408, 429, 5xx).
 */
public final class AzureTransientFailures implements TransientFailures {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Override
    public Optional<Unavailable> classify(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceResponseException || cause instanceof IOException
                    || cause instanceof TimeoutException) {
                return unavailable("did not answer in time");
            }
            if (cause instanceof HttpResponseException http && http.getResponse() != null && transientStatus(http.getResponse().getStatusCode())) {
                return unavailable("is overloaded or failing (" + http.getResponse().getStatusCode() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static Optional<Unavailable> unavailable(String what) {
        return Optional.of(new Unavailable("a storage service " + what + "; try again after Retry-After", RETRY_AFTER));
    }
}
