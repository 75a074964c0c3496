package dev.supportdesk.domain;

/** The request clashes with the current state (e.g. a concurrent change, a closed ticket). */
public non-sealed class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }
}
