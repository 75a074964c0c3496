package dev.supportdesk.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The full result of an attachment's text extraction, kept in blob storage (text can be far larger
 * than a ticket store item may be) under a key per content version, so a late writer for an older
 * version can never replace the result of a newer one.
 */
public final class OcrResultBlob {

    public static final String PREFIX = "ocr/";

    private OcrResultBlob() {
    }

    public record PageResult(int page, String source, int confidence, long millis, String text) {
    }

    public static String key(Attachment attachment, String blobVersion) {
        String version = blobVersion == null || blobVersion.isEmpty() ? "unversioned"
                : blobVersion.replaceAll("[^A-Za-z0-9._-]", "_");
        return PREFIX + attachment.tenant() + "/" + attachment.ticketId() + "/" + attachment.id() + "/"
                + version.substring(0, Math.min(100, version.length())) + ".json";
    }

    /** Where the words of the result under {@code resultKey} are kept, as hOCR. */
    public static String hocrKey(String resultKey) {
        return beside(resultKey, ".hocr");
    }

    /** Where the searchable PDF of the result under {@code resultKey} is kept. */
    public static String searchablePdfKey(String resultKey) {
        return beside(resultKey, ".pdf");
    }

    private static String beside(String resultKey, String suffix) {
        return resultKey.substring(0, resultKey.length() - ".json".length()) + suffix;
    }

    /** The hOCR stored beside the result under {@code resultKey}, or empty if there is none. */
    public static Optional<String> hocr(BlobStore blobs, String resultKey) {
        Optional<InputStream> content = blobs.get(hocrKey(resultKey));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = content.get()) {
            return Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OCR words " + resultKey, e);
        }
    }

    public static void write(BlobStore blobs, String key, String blobVersion, String format, long millis,
                             List<PageResult> pages) {
        ObjectNode node = Json.object().put("blobVersion", blobVersion).put("format", format).put("millis", millis);
        ArrayNode array = node.putArray("pages");
        StringBuilder text = new StringBuilder();
        for (PageResult page : pages) {
            array.addObject().put("page", page.page()).put("source", page.source())
                    .put("confidence", page.confidence()).put("millis", page.millis()).put("text", page.text());
            text.append(text.isEmpty() ? "" : "\f").append(page.text());
        }
        node.put("text", text.toString());
        byte[] bytes = Json.bytes(node);
        blobs.put(key, new ByteArrayInputStream(bytes), bytes.length, "application/json");
    }

    /** The full text stored under {@code key}, or empty if there is no such blob. */
    public static Optional<String> text(BlobStore blobs, String key) {
        Optional<InputStream> content = blobs.get(key);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = content.get()) {
            JsonNode node = Json.MAPPER.readTree(in);
            return Optional.of(node.path("text").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OCR result " + key, e);
        }
    }
}
