package dev.supportdesk.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.aws.template.SamTemplate;
import dev.supportdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The real Lambda runtime path of the three zip functions: each started from the template (CodeUri,
 * Handler, environment) under the Runtime Interface Emulator with the Java Runtime Interface Client,
 * as the managed {@code java21} runtime runs it, and invoked through the emulator's invoke endpoint
 * with the JSON the event source sends. DynamoDB is DynamoDB Local and S3 is moto, by endpoint.
 * What differs from calling a handler class directly is what this catches: the runtime's own
 * (de)serialization of the stream, the function's init in a fresh JVM from the zip's classpath, the
 * environment the template gives it, and the error shape the runtime reports.
 *
 * <ul>
 *   <li>ApiFunction (core zip): the API contract's smoke path with HTTP API payload v2 events as API
 *       Gateway sends them for the template's routes: routeKey and pathParameters of the matched route,
 *       and the JWT authorizer's verified claims, flattened as the HTTP API JWT authorizer flattens them
 *       (an array claim such as {@code cognito:groups} becomes the string {@code "[agent]"}).</li>
 *   <li>WorkflowFunction (core zip, StepHandler): the state machine's first Task payload
 *       ({@code {"step": ..., "input": <execution input>}}), and a bad payload's error as Step Functions
 *       matches it: {@code errorType} must be the name the ASL's Retry lists.</li>
 *   <li>PredictFunction (predict zip): one prediction from the repository's model package in S3.</li>
 * </ul>
 */
class RuntimePathUnderEmulatorIT {

    private static final Path WORK = Path.of("target", "rie").toAbsolutePath();
    private static final LambdaFunction.Names NAMES =
            LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets"));

    private static DynamoDbLocalServer dynamoDb;
    private static String bucket;

    private final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("logging.level.com.amazonaws.services.dynamodbv2.local", "WARN");
        System.setProperty("logging.level.org.eclipse.jetty", "WARN");
        LambdaFunction api = LambdaFunction.fromTemplate("ApiFunction", NAMES);
        bucket = api.environment().get("SUPPORTDESK_AWS_BUCKET_NAME");
        dynamoDb = DynamoDbLocalServer.start();
        EmulatorsAccess.createTable(dynamoDb.client(), api.environment().get("SUPPORTDESK_AWS_TABLE_NAME"));
        if (EmulatorsAccess.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            EmulatorsAccess.s3().createBucket(b -> b.bucket(bucket));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private static LambdaEmulator emulator(String logicalId) throws Exception {
        LambdaFunction function = LambdaFunction.fromTemplate(logicalId, NAMES);
        assertThat(function.packageType()).isEqualTo("Zip");
        return LambdaEmulator.start(function, Map.of(
                // Only what a test adds: where the emulated services are, and credentials for them.
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", EmulatorsAccess.s3Endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_SESSION_TOKEN", "test"), WORK.resolve(logicalId + "-runtime-path"));
    }

    // ------------------------------------------------------------------ (a) the API

    @Test
    void theApiContractsSmokePathThroughTheRuntime() throws Exception {
        try (LambdaEmulator emulator = emulator("ApiFunction")) {
            // create (customer), 201 with Location and ETag
            Reply created = call(emulator, "POST /tickets", "/tickets", Map.of(), "alice", "customer",
                    "{\"subject\":\"Printer on fire\",\"description\":\"Third floor\",\"priority\":\"HIGH\"}", null);
            assertThat(created.status()).as(created.raw() + emulator.output()).isEqualTo(201);
            String id = created.json().path("id").asText();
            assertThat(created.header("location")).endsWith("/tickets/" + id);
            assertThat(created.header("etag")).isEqualTo("\"1\"");

            // get, list
            Reply read = call(emulator, "GET /tickets/{id}", "/tickets/" + id, Map.of("id", id), "alice", "customer", null, null);
            assertThat(read.status()).as(read.raw()).isEqualTo(200);
            assertThat(read.json().path("subject").asText()).isEqualTo("Printer on fire");
            Reply list = call(emulator, "GET /tickets", "/tickets", Map.of(), "agent-1", "agent", null, null);
            assertThat(list.status()).as(list.raw()).isEqualTo(200);
            assertThat(list.json().path("items")).hasSize(1);

            // patch with If-Match (agent), then a stale If-Match is refused
            Reply patched = call(emulator, "PATCH /tickets/{id}", "/tickets/" + id, Map.of("id", id), "agent-1", "agent",
                    "{\"status\":\"IN_PROGRESS\",\"assignee\":\"agent-1\"}", "\"1\"");
            assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
            assertThat(patched.header("etag")).isEqualTo("\"2\"");
            Reply stale = call(emulator, "PATCH /tickets/{id}", "/tickets/" + id, Map.of("id", id), "agent-1", "agent",
                    "{\"status\":\"RESOLVED\"}", "\"1\"");
            assertThat(stale.status()).as(stale.raw()).isEqualTo(412);

            // respond (agent), the customer reads it
            Reply responded = call(emulator, "POST /tickets/{id}/responses", "/tickets/" + id + "/responses",
                    Map.of("id", id), "agent-1", "agent", "{\"body\":\"On our way\"}", null);
            assertThat(responded.status()).as(responded.raw()).isEqualTo(201);
            Reply responses = call(emulator, "GET /tickets/{id}/responses", "/tickets/" + id + "/responses",
                    Map.of("id", id), "alice", "customer", null, null);
            assertThat(responses.json().path("items").get(0).path("body").asText()).as(responses.raw()).isEqualTo("On our way");

            // 404 and 400 problems, as application/problem+json through the runtime
            String unknown = UUID.randomUUID().toString();
            Reply missing = call(emulator, "GET /tickets/{id}", "/tickets/" + unknown, Map.of("id", unknown), "alice", "customer", null, null);
            assertProblem(missing, 404);
            Reply invalid = call(emulator, "POST /tickets", "/tickets", Map.of(), "alice", "customer", "{\"description\":\"d\"}", null);
            assertProblem(invalid, 400);
            assertThat(invalid.json().path("detail").asText()).contains("'subject' is required");

            System.out.printf("ApiFunction runtime path: init %.0f ms, invocations %s ms, peak RSS %d MB%n",
                    emulator.initDurationMillis().orElse(-1), emulator.reportedDurationsMillis(),
                    emulator.peakRssKb().orElse(-1) / 1024);
        }
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.header("content-type")).as(reply.raw()).startsWith("application/problem+json");
        assertThat(reply.json().path("status").asInt()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.json().path("type").asText()).as(reply.raw()).isNotBlank();
    }

    record Reply(int status, Map<String, String> headers, String body, String raw) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + raw, e);
            }
        }
    }

    /** An HTTP API payload v2 event for the template's route {@code routeKey}, as API Gateway sends it after the JWT authorizer. */
    private Reply call(LambdaEmulator emulator, String routeKey, String path, Map<String, String> pathParameters,
            String subject, String group, String body, String ifMatch) throws Exception {
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", routeKey).put("rawPath", path)
                .put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json").put("host", "abcdef1234.execute-api.eu-west-1.amazonaws.com")
                .put("authorization", "Bearer eyJraWQiOiJ0ZXN0In0.e30.c2ln")
                .put("x-forwarded-proto", "https").put("x-forwarded-port", "443");
        if (body != null) {
            headers.put("content-type", "application/json").put("content-length",
                    Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        if (ifMatch != null) {
            headers.put("if-match", ifMatch);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012").put("apiId", "abcdef1234").put("domainName", "abcdef1234.execute-api.eu-west-1.amazonaws.com")
                .put("domainPrefix", "abcdef1234").put("requestId", UUID.randomUUID().toString()).put("routeKey", routeKey)
                .put("stage", "$default").put("time", "29/Nov/2026:05:00:00 +0000").put("timeEpoch", 1795928400000L);
        context.putObject("http").put("method", routeKey.substring(0, routeKey.indexOf(' '))).put("path", path)
                .put("protocol", "HTTP/1.1").put("sourceIp", "203.0.113.10").put("userAgent", "it");
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        long now = Instant.now().getEpochSecond();
        jwt.putObject("claims").put("sub", subject).put("custom:tenant", tenant).put("cognito:groups", "[" + group + "]")
                .put("token_use", "id").put("aud", "client-id").put("iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test")
                .put("iat", Long.toString(now)).put("exp", Long.toString(now + 3600)).put("email", subject + "@example.com");
        jwt.putNull("scopes");
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);

        LambdaEmulator.Invocation invocation = emulator.invoke(Json.MAPPER.writeValueAsString(event));
        assertThat(invocation.status()).as("emulator status for %s: %s%n%s", routeKey, invocation.body(), emulator.output())
                .isEqualTo(200);
        JsonNode response = Json.MAPPER.readTree(invocation.body());
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.path("headers").properties().forEach(h -> responseHeaders.put(h.getKey().toLowerCase(), h.getValue().asText()));
        String text = response.path("body").asText();
        if (response.path("isBase64Encoded").asBoolean()) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        return new Reply(response.path("statusCode").asInt(), responseHeaders, text, invocation.body());
    }

    // ------------------------------------------------------------------ (b) a workflow step

    @Test
    void aWorkflowStepAsStepFunctionsSendsIt() throws Exception {
        JsonNode asl = Json.MAPPER.readTree(Files.readString(SamTemplate.repositoryRoot().resolve("sam/statemachine/workflow.asl.json")));
        JsonNode start = asl.path("States").path(asl.path("StartAt").asText());
        String step = start.path("Parameters").path("Payload").path("step").asText();
        String retried = start.path("Retry").get(0).path("ErrorEquals").get(0).asText();
        try (LambdaEmulator emulator = emulator("WorkflowFunction")) {
            // The schedule's input (template: Every15Minutes) becomes the execution input; the Task sends
            // {"step": <name>, "input.$": "$"}.
            String scheduled = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
            String payload = Json.object().put("step", step)
                    .set("input", Json.object().put("trigger", "SCHEDULE").put("scheduledAt", scheduled)).toString();
            LambdaEmulator.Invocation first = emulator.invoke(payload);
            assertThat(first.status()).as(first.body() + emulator.output()).isEqualTo(200);
            JsonNode result = Json.MAPPER.readTree(first.body());
            // the ASL's ResultSelector reads $.Payload.runId and $.Payload.asOf
            assertThat(result.path("runId").asText()).as(first.body()).isNotBlank();
            assertThat(result.path("asOf").asText()).as(first.body()).isNotBlank();

            // A bad payload: the runtime's error document; Step Functions matches errorType against Retry.
            LambdaEmulator.Invocation bad = emulator.invoke(Json.object().put("step", step).toString());
            JsonNode error = Json.MAPPER.readTree(bad.body());
            assertThat(error.path("errorType").asText()).as("errorType the ASL's Retry matches: %s", bad.body()).isEqualTo(retried);
            assertThat(error.path("errorMessage").asText()).contains("\"input\"");
            System.out.printf("WorkflowFunction runtime path: init %.0f ms; error document %s%n",
                    emulator.initDurationMillis().orElse(-1), bad.body().length() > 300 ? bad.body().substring(0, 300) : bad.body());
        }
    }

    // ------------------------------------------------------------------ (c) a prediction

    @Test
    void onePredictionFromTheModelPackageInS3() throws Exception {
        Path models = SamTemplate.repositoryRoot().resolve("models");
        try (Stream<Path> files = Files.walk(models.resolve("wine-quality"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "models/" + models.relativize(file).toString().replace('\\', '/');
                EmulatorsAccess.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
        String row = Files.readAllLines(models.resolve("wine-quality/1.0.0/heldout.csv")).get(1);
        String[] header = Files.readAllLines(models.resolve("wine-quality/1.0.0/heldout.csv")).get(0).split(",");
        String[] values = row.split(",");
        ObjectNode instance = Json.object();
        int expectedLabel = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals("expected_label")) {
                expectedLabel = Integer.parseInt(values[i]);
            } else if (!header[i].startsWith("p_")) {
                instance.put(header[i], Double.parseDouble(values[i]));
            }
        }
        ObjectNode request = Json.object();
        request.putArray("instances").add(instance);
        try (LambdaEmulator emulator = emulator("PredictFunction")) {
            Reply reply = call(emulator, "POST /models/{name}/predict", "/models/wine-quality/predict",
                    Map.of("name", "wine-quality"), "alice", "customer", request.toString(), null);
            assertThat(reply.status()).as(reply.raw() + emulator.output()).isEqualTo(200);
            JsonNode prediction = reply.json().path("predictions").get(0);
            assertThat(prediction).as(reply.raw()).isNotNull();
            assertThat(reply.body()).as(reply.raw()).contains("1.0.0");
            assertThat(prediction.toString()).as("the held-out row's expected label %s: %s", expectedLabel, reply.raw())
                    .contains(Integer.toString(expectedLabel));
            System.out.printf("PredictFunction runtime path: init %.0f ms, predict %s ms, peak RSS %d MB%n",
                    emulator.initDurationMillis().orElse(-1), emulator.reportedDurationsMillis(),
                    emulator.peakRssKb().orElse(-1) / 1024);
        }
    }
}
