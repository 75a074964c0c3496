package dev.supportdesk.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ocr.TestDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OCR function (UploadFunction of {@code sam/template.yaml}) run the way Lambda runs its image:
 * the packaged zip as the task root, the image's entry point (the Java Runtime Interface Client),
 * the template's handler and environment, Debian 12's Tesseract 5.3 (the image's distribution), all
 * under the AWS Lambda Runtime Interface Emulator; S3 is moto's server and DynamoDB is DynamoDB
 * Local, reached by endpoint from the function's process. A real S3 ObjectCreated notification for
 * an object PUT to a presigned URL: the attachment ends DONE with its text, a duplicate delivery has
 * no second effect, a hostile file ends FAILED with its reason, and the runtime's peak RSS stays
 * within the function's MemorySize. The figures are written to {@code target/rie/UploadFunction/report.txt}.
 */
class OcrFunctionUnderEmulatorIT {

    private static final String LOGICAL_ID = "UploadFunction";
    private static final Path WORK = Path.of("target", "rie", LOGICAL_ID).toAbsolutePath();

    private static DynamoDbLocalServer dynamoDb;
    private static ConfigurableApplicationContext api;
    private static LambdaFunction function;
    private static LambdaEmulator emulator;
    private static String bucket;

    private final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        // DynamoDB Local logs every request at INFO; the test context's logging takes this setting.
        System.setProperty("logging.level.com.amazonaws.services.dynamodbv2.local", "WARN");
        System.setProperty("logging.level.org.eclipse.jetty", "WARN");
        function = LambdaFunction.fromTemplate(LOGICAL_ID,
                LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets")));
        assertThat(function.packageType()).isEqualTo("Image");
        String table = function.environment().get("SUPPORTDESK_AWS_TABLE_NAME");
        bucket = function.environment().get("SUPPORTDESK_AWS_BUCKET_NAME");

        dynamoDb = DynamoDbLocalServer.start();
        EmulatorsAccess.createTable(dynamoDb.client(), table);
        if (EmulatorsAccess.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            EmulatorsAccess.s3().createBucket(b -> b.bucket(bucket));
        }
        // The API side, in this JVM, declares tickets and attachments in the same table and bucket.
        api = EmulatorsAccess.awsContext(dynamoDb.client(), table, bucket);

        emulator = LambdaEmulator.start(function, Map.of(
                // Only what a test adds: where the emulated services are, and credentials for them.
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", EmulatorsAccess.s3Endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_SESSION_TOKEN", "test"), WORK);
    }

    @AfterAll
    static void stop() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (api != null) {
            api.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void aScanADuplicateAndAHostileFileThroughTheRuntimeInterfaceEmulator() throws Exception {
        assertThat(Path.of(function.environment().get("TESSDATA_PREFIX"), "eng.traineddata"))
                .as("the image's TESSDATA_PREFIX is Debian's path; this machine must be the same distribution")
                .isRegularFile();

        // 1. cold: the first invocation starts the runtime (Init) and reads a scan
        Upload scan = upload("scan.png", "image/png", TestDocuments.png("Printer on fire", "Third floor, room 42"));
        LambdaEmulator.Invocation first = invoke(scan);
        assertThat(record(first).path("outcome").asText()).as(failure(first)).isEqualTo("ATTACHED");
        assertThat(record(first).path("ocr").asText()).as(failure(first)).isEqualTo("DONE");
        JsonNode ocr = attachment(scan).path("ocr");
        assertThat(ocr.path("status").asText()).isEqualTo("DONE");
        assertThat(ocr.path("text").asText()).contains("Printer on fire").contains("Third floor, room 42");

        // 2. S3 delivers at least once: the same notification again changes nothing
        LambdaEmulator.Invocation duplicate = invoke(scan);
        assertThat(record(duplicate).path("outcome").asText()).as(failure(duplicate)).isEqualTo("DUPLICATE");
        assertThat(record(duplicate).path("ocr").asText()).as(failure(duplicate)).isEqualTo("DUPLICATE");
        JsonNode after = attachment(scan).path("ocr");
        assertThat(after.path("attempts")).isEqualTo(ocr.path("attempts"));
        assertThat(after.path("finishedAt")).isEqualTo(ocr.path("finishedAt"));
        // one result: its text, its words (hOCR) and its searchable PDF, once each
        assertThat(EmulatorsAccess.s3().listObjectsV2(b -> b.bucket(bucket).prefix("ocr/" + tenant + "/")).contents())
                .extracting(object -> object.key().substring(object.key().lastIndexOf('.')))
                .containsExactlyInAnyOrder(".json", ".hocr", ".pdf");

        // 3. a hostile file: a PNG whose header claims 100,000 x 100,000 pixels
        Upload bomb = upload("bomb.png", "image/png", TestDocuments.pngClaiming(100_000, 100_000));
        LambdaEmulator.Invocation hostile = invoke(bomb);
        assertThat(record(hostile).path("ocr").asText()).as(failure(hostile)).isEqualTo("FAILED");
        JsonNode refused = attachment(bomb).path("ocr");
        assertThat(refused.path("status").asText()).isEqualTo("FAILED");
        assertThat(refused.path("reason").asText()).isNotBlank();

        // 4. warm: another scan in the same runtime instance
        Upload second = upload("invoice.png", "image/png", TestDocuments.png("Invoice 2291", "Paid in full"));
        LambdaEmulator.Invocation warm = invoke(second);
        assertThat(record(warm).path("ocr").asText()).as(failure(warm)).isEqualTo("DONE");
        assertThat(attachment(second).path("ocr").path("text").asText()).contains("Invoice 2291");

        // 5. a page of the OCR corpus, if the shared data is beside the repository
        Path corpusPage = dev.supportdesk.aws.template.SamTemplate.repositoryRoot()
                .resolve("../shared/data/ocr-corpus/img/receipt_03.png").normalize();
        LambdaEmulator.Invocation corpus = null;
        if (Files.isRegularFile(corpusPage)) {
            Upload receipt = upload("receipt_03.png", "image/png", Files.readAllBytes(corpusPage));
            corpus = invoke(receipt);
            assertThat(record(corpus).path("ocr").asText()).as(failure(corpus)).isEqualTo("DONE");
        }

        long peakKb = emulator.peakRssKb().orElseThrow(() -> new AssertionError("no runtime process; output:\n" + emulator.output()));
        String report = String.join("\n",
                "function: " + LOGICAL_ID + " (" + function.handler() + "), MemorySize " + function.memorySizeMb()
                        + " MB, " + function.architecture(),
                "runtime: " + emulator.javaUsed() + ", entry point " + function.entrypoint(),
                "tesseract: " + tesseractVersion(),
                "init (emulator's INIT REPORT: JVM start, RIC, handler constructed): " + emulator.initDurationMillis().orElse(-1) + " ms",
                "first invocation (init + one scan), as the caller waited: " + first.elapsedMillis() + " ms",
                "duplicate delivery: " + duplicate.elapsedMillis() + " ms",
                "hostile file: " + hostile.elapsedMillis() + " ms, FAILED: " + refused.path("reason").asText(),
                "warm invocation (one scan): " + warm.elapsedMillis() + " ms",
                "corpus page receipt_03.png: " + (corpus == null ? "not run (no ../shared)" : corpus.elapsedMillis() + " ms"),
                "emulator's REPORT durations: " + emulator.reportedDurationsMillis() + " ms",
                "runtime peak RSS (VmHWM): " + peakKb / 1024 + " MB of " + function.memorySizeMb() + " MB");
        Files.writeString(WORK.resolve("report.txt"), report + "\n");
        System.out.println(report);

        assertThat(peakKb).as("the runtime's peak RSS must stay within MemorySize\n" + report)
                .isLessThanOrEqualTo(function.memorySizeMb() * 1024L);
        assertThat(emulator.initDurationMillis()).as(emulator.output()).isPresent();
    }

    private record Upload(String key, long size, String etag, String location) {
    }

    private Upload upload(String name, String contentType, byte[] bytes) throws IOException, InterruptedException {
        JsonNode ticket = call("POST", "/tickets", "{\"subject\":\"scan\",\"description\":\"attached\"}");
        JsonNode declared = call("POST", ticket.path("_location").asText() + "/attachments",
                "{\"fileName\":\"" + name + "\",\"contentType\":\"" + contentType + "\",\"size\":" + bytes.length + "}");
        var put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(declared.path("upload").path("url").asText()))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String key = "uploads/" + tenant + "/" + ticket.path("id").asText() + "/" + declared.path("id").asText();
        String etag = EmulatorsAccess.s3().headObject(b -> b.bucket(bucket).key(key)).eTag();
        return new Upload(key, bytes.length, etag, declared.path("_location").asText());
    }

    /** The notification S3 sends for the object: the recorded sample with this bucket, key, size and ETag. */
    private LambdaEmulator.Invocation invoke(Upload upload) throws IOException, InterruptedException {
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/s3-object-created.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(upload.key(), StandardCharsets.UTF_8))
                .put("size", upload.size()).put("eTag", upload.etag().replace("\"", ""));
        return emulator.invoke(Json.MAPPER.writeValueAsString(event));
    }

    private static JsonNode record(LambdaEmulator.Invocation invocation) throws IOException {
        assertThat(invocation.status()).as(failure(invocation)).isEqualTo(200);
        return Json.MAPPER.readTree(invocation.body()).path("records").path(0);
    }

    private static String failure(LambdaEmulator.Invocation invocation) {
        return "invocation answered " + invocation.status() + " " + invocation.body() + "\nemulator and runtime output ("
                + emulator.logFile() + "):\n" + tail(emulator.output());
    }

    private static String tail(String text) {
        return text.length() <= 20_000 ? text : "..." + text.substring(text.length() - 20_000);
    }

    private JsonNode attachment(Upload upload) throws IOException {
        return call("GET", upload.location(), null);
    }

    private JsonNode call(String method, String path, String json) throws IOException {
        HttpResponse response = EmulatorsAccess.api(api, "alice", tenant, Role.CUSTOMER, method, path, json);
        assertThat(response.status()).as(response.bodyText()).isLessThan(300);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        response.headers().first("Location").ifPresent(location -> body.put("_location", location));
        return body;
    }

    private static String tesseractVersion() {
        try {
            Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("?");
        } catch (IOException | InterruptedException e) {
            return "? (" + e + ")";
        }
    }
}
