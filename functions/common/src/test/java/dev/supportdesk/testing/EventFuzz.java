package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Event-parser fuzzing with jqwik: a valid event, one to three {@link EventMutation}s, and the verdict
 * that every parser must give: a result, or a clear rejection (the exception type its caller turns
 * into a 400, a dead letter or a failed step, with a message). Anything else escaped.
 */
public final class EventFuzz {

    /** Larger than any event a cloud delivers (Lambda's invocation payload limit is 6 MB). */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    /** Tries per property: each parser gets this budget, with a fixed seed in CI (see the tests). */
    public static final int TRIES = 1_000;

    private EventFuzz() {
    }

    public static Arbitrary<List<EventMutation>> mutations() {
        Arbitrary<EventMutation> one = Combinators.combine(
                Arbitraries.of(EventMutation.Kind.class),
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, 500)).as(EventMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    /** The seed event mutated in turn by each mutation (a byte-level mutation leaves later ones the bytes). */
    public static byte[] mutate(String seedJson, List<EventMutation> mutations) {
        byte[] bytes = seedJson.getBytes(StandardCharsets.UTF_8);
        for (EventMutation mutation : mutations) {
            JsonNode tree = parseOrNull(bytes);
            if (tree == null && mutation.kind() != EventMutation.Kind.TRUNCATE
                    && mutation.kind() != EventMutation.Kind.BAD_UTF8) {
                continue;
            }
            if (tree != null && tree.toString().length() > MAX_EVENT_BYTES / 2) {
                continue;
            }
            bytes = mutation.apply(bytes, tree);
        }
        return bytes;
    }

    /** The bytes as JSON, or null where a handler would refuse them as not JSON. */
    public static JsonNode parseOrNull(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** What a parser did with one input: it returned, or threw. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    /**
     * Passes when {@code parse} returns or throws {@code rejection} with a message; fails, naming the
     * input, on any other exception.
     */
    public static void assertResultOrClearRejection(byte[] input, Class<? extends Throwable> rejection, Parse parse) {
        try {
            parse.run();
        } catch (Throwable thrown) {
            if (!rejection.isInstance(thrown)) {
                throw new AssertionError("escaped " + thrown + " for input " + preview(input), thrown);
            }
            if (thrown.getMessage() == null || thrown.getMessage().isBlank()) {
                fail("a rejection without a message (" + thrown.getClass().getName() + ") for input " + preview(input));
            }
        }
    }

    private static String preview(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + input.length + " bytes)";
    }
}
