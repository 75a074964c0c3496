package dev.supportdesk.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.ports.BlobCreated;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads S3 event notifications (as S3 sends them: URL-encoded keys, with the eTag of the content written). */
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
            String key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
            created.add(new Created(bucket, new BlobCreated(key, size.asLong(), s3.path("object").path("eTag").asText(""))));
        }
        return created;
    }
}
