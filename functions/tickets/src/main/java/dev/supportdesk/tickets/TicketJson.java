package dev.supportdesk.tickets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.UploadUrl;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The JSON representations of the ticket API. */
final class TicketJson {

    private TicketJson() {
    }

    static ObjectNode ticket(Ticket ticket) {
        ObjectNode node = Json.object()
                .put("id", ticket.id())
                .put("tenant", ticket.tenant())
                .put("requester", ticket.requester())
                .put("subject", ticket.subject())
                .put("description", ticket.description())
                .put("priority", ticket.priority().name())
                .put("status", ticket.status().name())
                .put("assignee", ticket.assignee())
                .put("createdAt", ticket.createdAt().toString())
                .put("updatedAt", ticket.updatedAt().toString())
                .put("version", ticket.version());
        return node;
    }

    static ObjectNode response(Response response) {
        return Json.object()
                .put("id", response.id())
                .put("ticketId", response.ticketId())
                .put("author", response.author())
                .put("body", response.body())
                .put("visibility", response.visibility().name())
                .put("createdAt", response.createdAt().toString());
    }

    static ObjectNode attachment(Attachment attachment) {
        return attachment(attachment, attachment.ocrText());
    }

    /** @param text the extracted text to show: the full text when it was read from blob storage */
    static ObjectNode attachment(Attachment attachment, String text) {
        ObjectNode node = Json.object()
                .put("id", attachment.id())
                .put("ticketId", attachment.ticketId())
                .put("fileName", attachment.fileName())
                .put("contentType", attachment.contentType())
                .put("size", attachment.size())
                .put("createdAt", attachment.createdAt().toString())
                .put("uploadedAt", text(attachment.uploadedAt()));
        if (attachment.quarantined()) {
            node.putObject("quarantine").put("reason", attachment.quarantineReason());
        } else {
            node.putNull("quarantine");
        }
        OcrState state = attachment.ocr();
        ObjectNode ocr = node.putObject("ocr")
                .put("status", attachment.ocrStatus().name())
                .put("reason", state.reason())
                .put("attempts", state.attempts())
                .put("leaseUntil", text(state.leaseUntil()))
                .put("startedAt", text(state.startedAt()))
                .put("finishedAt", text(state.finishedAt()))
                .put("millis", state.millis())
                .put("pageCount", state.pageCount());
        ArrayNode pages = ocr.putArray("pages");
        for (OcrState.OcrPage page : state.pages()) {
            pages.addObject().put("page", page.page()).put("source", page.source())
                    .put("confidence", page.confidence()).put("characters", page.characters())
                    .put("millis", page.millis());
        }
        ocr.put("text", text);
        return node;
    }

    static ObjectNode upload(UploadUrl upload) {
        ObjectNode node = Json.object()
                .put("method", upload.method())
                .put("url", upload.url())
                .put("expiresAt", upload.expiresAt().toString());
        ObjectNode headers = node.putObject("headers");
        upload.headers().forEach(headers::put);
        return node;
    }

    static <T> ObjectNode page(List<T> items, Function<T, ObjectNode> render, Optional<String> nextCursor) {
        ObjectNode node = Json.object();
        ArrayNode array = node.putArray("items");
        items.forEach(item -> array.add(render.apply(item)));
        node.put("nextCursor", nextCursor.orElse(null));
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
