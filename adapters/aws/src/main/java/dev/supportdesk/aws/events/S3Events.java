package dev.supportdesk.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.ports.BlobCreated;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads S3 event notifications (as S3 sends them: URL-encoded keys, eTag, versionId, sequencer). */
public final class S3Events {

    private S3Events() {
    }

    /** One created object of a notification, with the bucket it is in. */
    public record Created(String bucket, BlobCreated blob) {
    }

    /**
     * @throws IllegalArgumentException when the JSON is not an S3 notification or a record lacks its
     *                                  bucket, key or size
     */
    public static List<Created> created(JsonNode event) {
        JsonNode records = event == null ? null : event.path("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("not an S3 event notification: no Records array");
        }
        List<Created> created = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("eventSource").asText().equals("aws:s3")
                    || !record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText("");
            String rawKey = s3.path("object").path("key").asText("");
            JsonNode size = s3.path("object").path("size");
            if (bucket.isEmpty() || rawKey.isEmpty() || !size.canConvertToLong()) {
                throw new IllegalArgumentException("an S3 record lacks its bucket name, object key or size");
            }
            JsonNode object = s3.path("object");
            String etag = object.path("eTag").asText("");
            String sequencer = object.path("sequencer").asText("");
            String version = firstNonEmpty(object.path("versionId").asText(""), etag, sequencer);
            created.add(new Created(bucket, new BlobCreated(
                    URLDecoder.decode(rawKey, StandardCharsets.UTF_8), size.asLong(), version, etag, sequencer)));
        }
        return created;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
