package dev.supportdesk.tickets;

/** A conditional write lost: the stored item is no longer at the version the change was based on. */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(String message) {
        super(message, null, false, false);
    }
}
