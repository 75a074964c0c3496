package dev.supportdesk.domain;

import java.time.Duration;

/**
 * A dependency the request needs is not usable now (e.g. a model package that failed to load, a store
 * that does not answer in time). The request changed nothing it could not finish, and may be sent
 * again after {@link #retryAfter()}.
 */
public final class Unavailable extends DomainException {

    /** What a caller is told to wait when the failure gives no better idea. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final Duration retryAfter;

    public Unavailable(String message) {
        this(message, DEFAULT_RETRY_AFTER);
    }

    public Unavailable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
