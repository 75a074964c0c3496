package dev.supportdesk.predict;

/** A model package that cannot be served: missing files, bad metadata, or a model that does not match it. */
public class InvalidModelPackageException extends RuntimeException {

    public InvalidModelPackageException(String message) {
        super(message, null, false, false);
    }
}
