package dev.supportdesk.domain;

/** A dependency the request needs is not usable now (e.g. a model package that failed to load). */
public final class Unavailable extends DomainException {

    public Unavailable(String message) {
        super(message);
    }
}
