package dev.supportdesk.domain;

/**
 * A business rule refused a request. The message is written for the caller. Families throw the
 * subclasses; the HTTP edge maps each to its problem type in one place, so business code never
 * names a status code.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Forbidden, Conflict, PreconditionFailed, InvalidInput, Unavailable {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
