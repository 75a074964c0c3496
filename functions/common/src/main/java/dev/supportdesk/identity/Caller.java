package dev.supportdesk.identity;

/** Who sent a request: an identity taken from a verified token, or nobody (with the reason why). */
public sealed interface Caller {

    static Caller authenticated(Identity identity) {
        return new Authenticated(identity);
    }

    static Caller anonymous(String reason) {
        return new Anonymous(reason);
    }

    record Authenticated(Identity identity) implements Caller {
    }

    /** @param reason why no identity could be established, safe to show to the caller */
    record Anonymous(String reason) implements Caller {
    }
}
