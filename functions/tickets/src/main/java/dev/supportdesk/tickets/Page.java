package dev.supportdesk.tickets;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is the position of its last item, absent on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page of a keyset list whose store was asked for {@code limit + 1} items: the extra item only
     * tells that there is a next page, which starts after the position of the last item kept.
     */
    public static <T> Page<T> fromOverfetch(List<T> fetched, int limit, Function<T, String> positionOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, Optional.of(positionOf.apply(items.get(limit - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
