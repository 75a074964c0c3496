package dev.supportdesk.domain;

/** The caller's precondition (If-Match version) no longer holds. */
public final class PreconditionFailed extends DomainException {

    public PreconditionFailed(String message) {
        super(message);
    }
}
