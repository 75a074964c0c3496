package dev.supportdesk.domain;

/** The request's content breaks a rule; the message names the field. */
public non-sealed class InvalidInput extends DomainException {

    public InvalidInput(String message) {
        super(message);
    }
}
