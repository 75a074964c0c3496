package dev.supportdesk.tickets.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one-shot backfill as a function, the same on every runtime: {@code {"resumeFrom"?: text,
 * "maxItems"?: 1..100000}} in, {@code {"visited", "rewritten", "done", "resumeFrom"?}} out. It runs steps of
 * {@link #STEP_ITEMS} until {@code maxItems} items were visited or none are left; run it again with the
 * returned {@code resumeFrom} until {@code done}. Any other input is an {@link InvalidInput}.
 */
public final class KeyBackfillRun implements Function<String, String> {

    /** The function's name on every runtime. */
    public static final String NAME = "backfillTicketKeys";
    static final int STEP_ITEMS = 100;
    static final int DEFAULT_MAX_ITEMS = 10_000;
    static final int MAX_ITEMS = 100_000;
    static final int MAX_RESUME_CHARS = 4096;

    private final KeyBackfill backfill;

    public KeyBackfillRun(KeyBackfill backfill) {
        this.backfill = backfill;
    }

    @Override
    public String apply(String input) {
        JsonNode request = parse(input);
        Optional<String> resume = resumeFrom(request);
        int maxItems = maxItems(request);
        int visited = 0;
        int rewritten = 0;
        do {
            KeyBackfill.Step step = backfill.step(resume, Math.min(STEP_ITEMS, maxItems - visited));
            visited += step.visited();
            rewritten += step.rewritten();
            resume = step.resumeFrom();
        } while (resume.isPresent() && visited < maxItems);
        ObjectNode report = Json.MAPPER.createObjectNode().put("visited", visited).put("rewritten", rewritten)
                .put("done", resume.isEmpty());
        resume.ifPresent(position -> report.put("resumeFrom", position));
        return report.toString();
    }

    private static JsonNode parse(String input) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(input == null || input.isBlank() ? "{}" : input);
        } catch (IOException e) {
            throw new InvalidInput("the backfill's input is not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new InvalidInput("the backfill's input is a JSON object");
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!Set.of("resumeFrom", "maxItems").contains(name)) {
                throw new InvalidInput("the backfill takes resumeFrom and maxItems only, not '" + name + "'");
            }
        });
        return request;
    }

    private static Optional<String> resumeFrom(JsonNode request) {
        JsonNode resume = request.get("resumeFrom");
        if (resume == null || resume.isNull()) {
            return Optional.empty();
        }
        if (!resume.isTextual() || resume.textValue().isEmpty() || resume.textValue().length() > MAX_RESUME_CHARS
                || resume.textValue().codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("resumeFrom is the text an earlier run returned");
        }
        return Optional.of(resume.textValue());
    }

    private static int maxItems(JsonNode request) {
        JsonNode max = request.get("maxItems");
        if (max == null || max.isNull()) {
            return DEFAULT_MAX_ITEMS;
        }
        if (!max.isIntegralNumber() || !max.canConvertToInt() || max.intValue() < 1 || max.intValue() > MAX_ITEMS) {
            throw new InvalidInput("maxItems is a whole number from 1 to " + MAX_ITEMS);
        }
        return max.intValue();
    }
}
