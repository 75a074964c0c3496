package dev.supportdesk.domain;

/** A status change the state machine does not allow from the current status. */
public final class IllegalTransition extends Conflict {

    public IllegalTransition(String message) {
        super(message);
    }
}
