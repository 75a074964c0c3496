package dev.supportdesk.aws.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.aws.template.SamTemplate;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.ocr.TestDocuments;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The events of the cold-start benchmark's OCR and predict entries, against the benchmark's DynamoDB
 * Local and moto: an S3 notification of a fresh upload (so every start reads a document: the engine
 * loads), one of another bucket (the handler ignores it: no engine), and a prediction of a held-out
 * row of the repository's model package (copied to the bucket once: the model loads).
 */
final class ColdStartEvents {

    private final ConfigurableApplicationContext api;
    private final String bucket;
    private final String tenant = "bench" + UUID.randomUUID().toString().substring(0, 8);

    ColdStartEvents(ConfigurableApplicationContext api, String bucket) {
        this.api = api;
        this.bucket = bucket;
        if (EmulatorsAccess.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            EmulatorsAccess.s3().createBucket(b -> b.bucket(bucket));
        }
    }

    /** A new ticket with a one-page scan PUT to its presigned URL, and S3's notification of it. */
    String freshUpload() throws Exception {
        byte[] png = TestDocuments.png("Printer on fire", "Third floor, room 42");
        JsonNode ticket = call("POST", "/tickets", "{\"subject\":\"scan\",\"description\":\"attached\"}");
        JsonNode declared = call("POST", ticket.path("_location").asText() + "/attachments",
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":" + png.length + "}");
        var put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(declared.path("upload").path("url").asText()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("upload refused: " + put.body());
        }
        String key = "uploads/" + tenant + "/" + ticket.path("id").asText() + "/" + declared.path("id").asText();
        String etag = EmulatorsAccess.s3().headObject(b -> b.bucket(bucket).key(key)).eTag();
        return s3Event(bucket, key, png.length, etag);
    }

    /** A notification of another bucket's object: the function starts and answers without OCR. */
    static String otherBucket() throws Exception {
        return s3Event("some-other-bucket", "uploads/x/y/z", 1, "0");
    }

    /** Copies the repository's model package to the bucket and returns a predict request of one held-out row. */
    String prediction() throws Exception {
        Path models = SamTemplate.repositoryRoot().resolve("models");
        try (Stream<Path> files = Files.walk(models.resolve("wine-quality"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "models/" + models.relativize(file).toString().replace('\\', '/');
                EmulatorsAccess.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
        List<String> lines = Files.readAllLines(models.resolve("wine-quality/1.0.0/heldout.csv"));
        String[] header = lines.get(0).split(",");
        String[] values = lines.get(1).split(",");
        ObjectNode instance = Json.object();
        for (int i = 0; i < header.length; i++) {
            if (!header[i].equals("expected_label") && !header[i].startsWith("p_")) {
                instance.put(header[i], Double.parseDouble(values[i]));
            }
        }
        ObjectNode request = Json.object();
        request.putArray("instances").add(instance);
        return request.toString();
    }

    private static String s3Event(String bucket, String key, long size, String etag) throws Exception {
        ObjectNode event;
        try (InputStream in = ColdStartEvents.class.getResourceAsStream("/events/s3-object-created.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
                .put("size", size).put("eTag", etag.replace("\"", ""));
        return Json.MAPPER.writeValueAsString(event);
    }

    private JsonNode call(String method, String path, String json) throws Exception {
        HttpResponse response = EmulatorsAccess.api(api, "alice", tenant, Role.CUSTOMER, method, path, json);
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.bodyText());
        }
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        response.headers().first("Location").ifPresent(location -> body.put("_location", location));
        return body;
    }
}
