package dev.supportdesk.domain;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFound extends DomainException {

    public NotFound(String message) {
        super(message);
    }
}
