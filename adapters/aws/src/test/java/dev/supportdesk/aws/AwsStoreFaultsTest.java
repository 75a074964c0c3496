package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.clients.AwsClientPolicy;
import dev.supportdesk.aws.runtime.DynamoDbLocalServer;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.FaultyProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB Local and moto's S3 behind {@link FaultyProxy}s, in the middle of a run of requests and an
 * upload: while a store hangs, is down or is slow, the API answers within the clients' bounded time,
 * with 503 problems and Retry-After; the S3 notification fails so that Lambda delivers it again; once
 * the store is back, the same function instance serves again, and the store holds exactly what was
 * acknowledged. The clients use {@link AwsClientPolicy} scaled down (1.5 s per attempt, 4 s per call),
 * so that this takes seconds.
 */
class AwsStoreFaultsTest {

    static final AwsClientPolicy FAST = new AwsClientPolicy(Duration.ofMillis(500), Duration.ofMillis(1500),
            Duration.ofMillis(1500), Duration.ofSeconds(4), 2);
    /** The call timeout plus the handler's own work on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(8);
    private static final String TABLE = "supportdesk-faults";

    private static DynamoDbLocalServer dynamoDbLocal;
    private static FaultyProxy dynamo;
    private static FaultyProxy s3;
    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator gateway;
    private static S3UploadHandler uploads;
    /** Each test its own tenant, so that the audit of one sees only its own tickets. */
    private String agent = "Bearer " + ApiGatewaySimulator.idToken("agent-7", "acme", Role.AGENT);

    @BeforeAll
    static void start() throws Exception {
        dynamoDbLocal = DynamoDbLocalServer.start();
        try (DynamoDbClient direct = dynamoDbLocal.client()) {
            Emulators.createTable(direct, TABLE);
        }
        dynamo = FaultyProxy.to(dynamoDbLocal.endpoint());
        s3 = FaultyProxy.to(Emulators.s3Endpoint());
        context = AwsRuntime.start(Emulators.properties(TABLE), ProxiedClients.class);
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        uploads = new S3UploadHandler(context);
        warmUp();
    }

    /** DynamoDB Local's first writes and queries take over a second (its JIT, its SQLite): warm it directly. */
    private static void warmUp() {
        try (DynamoDbClient direct = dynamoDbLocal.client()) {
            for (int i = 0; i < 20; i++) {
                String id = "warm-" + i;
                direct.putItem(b -> b.tableName(TABLE).item(Map.of("PK", av(id), "SK", av(id))));
                direct.deleteItem(b -> b.tableName(TABLE).key(Map.of("PK", av(id), "SK", av(id))));
            }
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    /** A test that fails half-way leaves its fault on; the next test starts with the service back. */
    @AfterEach
    void serviceBack() {
        dynamo.pass();
        s3.pass();
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        dynamo.close();
        s3.close();
        dynamoDbLocal.close();
    }

    /** The emulators' clients, but DynamoDB, S3 and Lambda built with the policy class, through the proxies. */
    @Configuration(proxyBeanMethods = false)
    static class ProxiedClients extends Emulators.Clients {

        @Override
        @Bean(destroyMethod = "close")
        DynamoDbClient dynamoDbClient() {
            return Emulators.dynamoDb(dynamo.endpoint(), FAST);
        }

        @Override
        @Bean(destroyMethod = "close")
        S3Client s3Client() {
            return Emulators.s3(s3.endpoint(), FAST);
        }

        @Override
        @Bean(destroyMethod = "close")
        software.amazon.awssdk.services.lambda.LambdaClient lambdaClient() {
            return Emulators.lambda(FAST.httpClient());
        }
    }

    private HttpResponse send(String method, String path, String body, String ifMatch) {
        return send(method, path, body, ifMatch, null);
    }

    private HttpResponse send(String method, String path, String body, String ifMatch, String idempotencyKey) {
        int query = path.indexOf('?');
        HttpRequest.Builder request = HttpRequest.builder(method, query < 0 ? path : path.substring(0, query))
                .header("Authorization", agent);
        if (query >= 0) {
            request.rawQuery(path.substring(query + 1));
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return gateway.send(request.build());
    }

    private HttpResponse createTicket(String subject) {
        return send("POST", "/tickets", "{\"subject\":\"" + subject + "\",\"description\":\"d\",\"priority\":\"HIGH\"}", null);
    }

    /** A 503 problem with Retry-After, answered within the bound the policy sets. */
    private static void assertUnavailableInTime(long startNanos, HttpResponse response) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertThat(response.status()).as(response.bodyText()).isEqualTo(503);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().first("Retry-After")).hasValue("5");
        assertThat(took).as("answered within the clients' bounded time").isLessThan(BOUND);
    }

    @Test
    void aHangingDownOrSlowTableIsA503InBoundedTimeAndTheSameInstanceRecovers() {
        List<String> acknowledged = new ArrayList<>();
        HttpResponse first = createTicket("before");
        assertThat(first.status()).as(first.bodyText()).isEqualTo(201);
        acknowledged.add(first.headers().first("Location").orElseThrow());
        String path = acknowledged.get(0);

        dynamo.hang();
        long start = System.nanoTime();
        assertUnavailableInTime(start, createTicket("during"));
        start = System.nanoTime();
        assertUnavailableInTime(start, send("GET", path, null, null));
        start = System.nanoTime();
        assertUnavailableInTime(start, send("PATCH", path, "{\"status\":\"IN_PROGRESS\"}", "\"1\""));
        start = System.nanoTime();
        assertUnavailableInTime(start, send("POST", path + "/responses", "{\"body\":\"hello\"}", null));

        dynamo.pass();
        HttpResponse patched = send("PATCH", path, "{\"status\":\"IN_PROGRESS\"}", "\"1\"");
        assertThat(patched.status()).as("recovered without a restart: %s", patched.bodyText()).isEqualTo(200);
        assertThat(send("POST", path + "/responses", "{\"body\":\"after\"}", null).status()).isEqualTo(201);

        dynamo.down();
        start = System.nanoTime();
        assertUnavailableInTime(start, createTicket("while down"));

        dynamo.slow(Duration.ofMillis(100));
        HttpResponse slow = createTicket("slow");
        assertThat(slow.status()).as("slow but within the attempt timeout: %s", slow.bodyText()).isEqualTo(201);
        acknowledged.add(slow.headers().first("Location").orElseThrow());
        dynamo.pass();

        HttpResponse list = send("GET", "/tickets?limit=100", null, null);
        assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
        JsonNode listed = json(list);
        List<String> stored = new ArrayList<>();
        listed.path("items").forEach(item -> stored.add("/tickets/" + item.path("id").asText()));
        assertThat(stored).as("exactly the acknowledged tickets; nothing written by a refused request")
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        JsonNode ticket = json(send("GET", path, null, null));
        assertThat(ticket.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(json(send("GET", path + "/responses", null, null)).path("items"))
                .as("only the acknowledged response").hasSize(1);
    }

    @Test
    void aResponseWhoseAnswerWasLostIsStoredOnceWhenRetriedWithItsIdempotencyKey() {
        agent = "Bearer " + ApiGatewaySimulator.idToken("agent-5", "initech", Role.AGENT);
        String path = createTicket("lost answer").headers().first("Location").orElseThrow();
        String key = java.util.UUID.randomUUID().toString();

        // The response's transaction (the response and its id marker) lands; its answer, and the answers
        // to the SDK's retries, are lost: 503.
        dynamo.loseAnswersTo("DynamoDB_20120810.TransactWriteItems");
        long start = System.nanoTime();
        assertUnavailableInTime(start, send("POST", path + "/responses", "{\"body\":\"on it\"}", null, key));
        dynamo.pass();

        HttpResponse retried = send("POST", path + "/responses", "{\"body\":\"on it\"}", null, key);
        assertThat(retried.status()).as(retried.bodyText()).isEqualTo(201);
        JsonNode response = json(retried);
        JsonNode listed = json(send("GET", path + "/responses", null, null)).path("items");
        assertThat(listed).as("the response stored by the first attempt, once").hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(response.path("id").asText());
        JsonNode ticket = json(send("GET", path, null, null));
        assertThat(ticket.path("updatedAt").asText()).as("the retry completed the ticket's touch")
                .isEqualTo(response.path("createdAt").asText());
    }

    @Test
    void aPatchWhoseFirstAnswerWasLostSucceedsWhenTheSdkRetryMeetsItsOwnWrite() throws Exception {
        agent = "Bearer " + ApiGatewaySimulator.idToken("agent-6", "umbrella", Role.AGENT);
        String path = createTicket("patch answer lost").headers().first("Location").orElseThrow();
        String id = path.substring("/tickets/".length());

        // The PutItem lands at version 2; its answer is lost; the connection then breaks and the SDK
        // retries the same conditional put, which now fails its condition (the item is at version 2).
        dynamo.loseAnswersTo("DynamoDB_20120810.PutItem");
        CompletableFuture<HttpResponse> patch = CompletableFuture.supplyAsync(
                () -> send("PATCH", path, "{\"status\":\"IN_PROGRESS\"}", "\"1\""));
        awaitStoredVersion(id, 2);
        dynamo.pass();

        HttpResponse answered = patch.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(answered.status()).as("the change was applied, once: %s", answered.bodyText()).isEqualTo(200);
        assertThat(answered.headers().first("ETag")).hasValue("\"2\"");
        JsonNode ticket = json(send("GET", path, null, null));
        assertThat(ticket.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(ticket.path("version").asLong()).isEqualTo(2);
        assertThat(json(answered)).as("the answer is the stored ticket").isEqualTo(ticket);
    }

    /** Polls DynamoDB Local directly, past the proxy, until the ticket item is at {@code version}. */
    private static void awaitStoredVersion(String ticketId, long version) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        try (DynamoDbClient direct = dynamoDbLocal.client()) {
            while (System.nanoTime() < deadline) {
                boolean landed = direct.scan(b -> b.tableName(TABLE)).items().stream()
                        .anyMatch(item -> item.containsKey("type") && "ticket".equals(item.get("type").s())
                                && ticketId.equals(item.get("id").s())
                                && String.valueOf(version).equals(item.get("version").n()));
                if (landed) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("ticket " + ticketId + " never reached version " + version);
    }

    @Test
    void anUploadNotificationDuringAnS3OutageFailsForLambdaToRetryAndIsRecordedWhenS3IsBack() throws Exception {
        agent = "Bearer " + ApiGatewaySimulator.idToken("agent-8", "globex", Role.AGENT);
        String path = createTicket("upload").headers().first("Location").orElseThrow();
        JsonNode declared = json(send("POST", path + "/attachments",
                "{\"fileName\":\"note.pdf\",\"contentType\":\"application/pdf\",\"size\":9}", null));
        String key = "uploads/globex/" + path.substring("/tickets/".length()) + "/" + declared.path("id").asText();
        byte[] content = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        String etag;
        try (S3Client direct = Emulators.s3()) {
            etag = direct.putObject(b -> b.bucket(Emulators.BUCKET).key(key).contentType("application/pdf"),
                    RequestBody.fromBytes(content)).eTag().replace("\"", "");
        }
        byte[] notification = Json.bytes(S3BlobEventContractTest.s3Event(Emulators.BUCKET, key, content.length, etag));

        s3.hang();
        long start = System.nanoTime();
        assertThatThrownBy(() -> uploads.handleRequest(new ByteArrayInputStream(notification), new ByteArrayOutputStream(), null))
                .as("the invocation fails, so Lambda retries it and then keeps it on the failure queue")
                .isInstanceOf(RuntimeException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        JsonNode pending = json(send("GET", path + "/attachments/" + declared.path("id").asText(), null, null));
        assertThat(pending.path("uploadedAt").isNull()).as("nothing half-recorded").isTrue();

        s3.pass();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        uploads.handleRequest(new ByteArrayInputStream(notification), out, null);
        assertThat(Json.MAPPER.readTree(out.toByteArray()).path("records").get(0).path("outcome").asText()).isEqualTo("ATTACHED");
        JsonNode attached = json(send("GET", path + "/attachments/" + declared.path("id").asText(), null, null));
        assertThat(attached.path("uploadedAt").isNull()).isFalse();
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
