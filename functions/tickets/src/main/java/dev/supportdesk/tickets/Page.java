package dev.supportdesk.tickets;

import java.util.List;
import java.util.Optional;

/** One page of a list; {@code nextCursor} is the store's own position marker, absent on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
