package dev.supportdesk.workflow;

/** A step was given a payload it cannot work on. Never retried; nothing was changed. */
public final class InvalidStepInputException extends IllegalArgumentException {

    public InvalidStepInputException(String message) {
        super(message);
    }
}
