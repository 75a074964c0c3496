package dev.supportdesk.tickets;

/** A pagination cursor that the store cannot use. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
