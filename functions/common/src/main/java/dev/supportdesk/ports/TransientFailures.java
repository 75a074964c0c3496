package dev.supportdesk.ports;

import dev.supportdesk.domain.Unavailable;
import java.util.Optional;

/**
 * Which failures of a runtime's store and blob clients pass with time (a timeout, a refused or reset
 * connection, throttling, a 5xx of the service): those become {@link Unavailable}, a 503 with
 * {@code Retry-After}, instead of a 500. Each runtime knows its SDK's exceptions; the core names none.
 */
@FunctionalInterface
public interface TransientFailures {

    /** The failure as {@link Unavailable} when it is transient; empty when it is a fault of its own. */
    Optional<Unavailable> classify(RuntimeException failure);

    static TransientFailures none() {
        return failure -> Optional.empty();
    }
}
