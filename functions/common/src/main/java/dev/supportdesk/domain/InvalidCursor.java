package dev.supportdesk.domain;

/** A paging cursor that was not handed out for this list. */
public final class InvalidCursor extends InvalidInput {

    public InvalidCursor(String message) {
        super(message);
    }
}
