package dev.supportdesk.tickets;

/** A pagination position that is not one the core handed out (see {@code Cursors}). */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
