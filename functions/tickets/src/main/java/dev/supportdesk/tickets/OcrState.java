package dev.supportdesk.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping of an attachment's text extraction, stored with the attachment as one JSON string
 * (so every store keeps it in one attribute, and an attachment written before it existed reads as
 * {@link #NONE}).
 *
 * @param blobVersion the ETag of the uploaded content this state is about
 * @param claimToken who holds the work while {@code PROCESSING}
 * @param leaseUntil when a {@code PROCESSING} claim may be taken over by a retry
 * @param attempts how often the work was claimed for {@code blobVersion}
 * @param reason why it {@code FAILED}
 * @param resultKey the blob holding the full result (text per page)
 */
public record OcrState(String blobVersion, String claimToken, Instant leaseUntil, int attempts, String reason,
                       Instant startedAt, Instant finishedAt, long millis, int pageCount, List<OcrPage> pages,
                       String resultKey) {

    public static final OcrState NONE = new OcrState(null, null, null, 0, null, null, null, 0, 0, List.of(), null);

    public OcrState {
        pages = List.copyOf(pages);
    }

    /** One page of a result: where its text came from, the engine's mean confidence (0-100), its cost. */
    public record OcrPage(int page, String source, int confidence, int characters, long millis) {
    }

    public static OcrState pending(String blobVersion) {
        return new OcrState(blobVersion, null, null, 0, null, null, null, 0, 0, List.of(), null);
    }

    public OcrState claimed(String token, Instant now, Instant until, int attempt) {
        return new OcrState(blobVersion, token, until, attempt, null, now, null, 0, 0, List.of(), null);
    }

    public OcrState released() {
        return new OcrState(blobVersion, null, null, attempts, reason, startedAt, null, 0, 0, List.of(), null);
    }

    public OcrState done(Instant now, long totalMillis, List<OcrPage> donePages, String key) {
        return new OcrState(blobVersion, null, null, attempts, null, startedAt, now, totalMillis, donePages.size(),
                donePages, key);
    }

    public OcrState failed(Instant now, String why) {
        return new OcrState(blobVersion, null, null, attempts, why, startedAt, now, 0, 0, List.of(), null);
    }

    public String toJson() {
        ObjectNode node = Json.object()
                .put("blobVersion", blobVersion)
                .put("claimToken", claimToken)
                .put("leaseUntil", text(leaseUntil))
                .put("attempts", attempts)
                .put("reason", reason)
                .put("startedAt", text(startedAt))
                .put("finishedAt", text(finishedAt))
                .put("millis", millis)
                .put("pageCount", pageCount)
                .put("resultKey", resultKey);
        ArrayNode array = node.putArray("pages");
        for (OcrPage page : pages) {
            array.addObject().put("page", page.page()).put("source", page.source())
                    .put("confidence", page.confidence()).put("characters", page.characters())
                    .put("millis", page.millis());
        }
        return new String(Json.bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The state stored as {@code json}; {@link #NONE} for null (attachments stored before OCR existed). */
    public static OcrState fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return NONE;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored OCR state is not JSON", e);
        }
        List<OcrPage> pages = new ArrayList<>();
        for (JsonNode page : node.path("pages")) {
            pages.add(new OcrPage(page.path("page").asInt(), page.path("source").asText(),
                    page.path("confidence").asInt(), page.path("characters").asInt(), page.path("millis").asLong()));
        }
        return new OcrState(string(node, "blobVersion"), string(node, "claimToken"), instant(node, "leaseUntil"),
                node.path("attempts").asInt(), string(node, "reason"), instant(node, "startedAt"),
                instant(node, "finishedAt"), node.path("millis").asLong(), node.path("pageCount").asInt(), pages,
                string(node, "resultKey"));
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = string(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
