package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.FaultyProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Azurite's Table endpoint behind a {@link FaultyProxy}, with the clients exactly as
 * {@code AzureConfiguration} builds them (the production {@code AzureClientPolicy}): while the table
 * is down or hangs, the HTTP function answers 503 problems with Retry-After within the policy's
 * bound (three tries of 2 s plus backoff); once it is back the same instance serves again, and the
 * table holds exactly the acknowledged tickets.
 */
class AzureStoreFaultsTest {

    private static final Duration BOUND = Duration.ofSeconds(12);
    private static final Pattern TABLE_ENDPOINT = Pattern.compile("TableEndpoint=http://127\\.0\\.0\\.1:(\\d+)/");

    private static FaultyProxy table;
    private static ConfigurableApplicationContext context;
    private static HttpApiFunction function;
    private String agent = "Bearer " + TestTokens.token("agent-9", "faults", Role.AGENT);

    @BeforeAll
    static void start() {
        String connectionString = Emulators.connectionString();
        Matcher port = TABLE_ENDPOINT.matcher(connectionString);
        assertThat(port.find()).as("Azurite's table endpoint in " + connectionString).isTrue();
        table = FaultyProxy.to(URI.create("http://127.0.0.1:" + port.group(1)));
        Map<String, Object> properties = new HashMap<>(Emulators.properties());
        properties.put("supportdesk.azure.storage-connection-string", connectionString.replace(
                "TableEndpoint=http://127.0.0.1:" + port.group(1) + "/",
                "TableEndpoint=http://127.0.0.1:" + table.endpoint().getPort() + "/"));
        context = AzureRuntime.start(properties);
        function = new HttpApiFunction(context);
    }

    /** A test that fails half-way leaves its fault on; the next test starts with the service back. */
    @AfterEach
    void serviceBack() {
        table.pass();
    }

    @AfterAll
    static void stop() throws IOException {
        context.close();
        table.close();
    }

    private HttpResponse send(String method, String path, String query, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.builder(method, path).header("Authorization", agent);
        if (query != null) {
            request.rawQuery(query);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return FakeFunctionsHostRequest.toNeutral(function.run(FakeFunctionsHostRequest.of(request.build())));
    }

    private HttpResponse createTicket(String subject) {
        return send("POST", "/tickets", null, "{\"subject\":\"" + subject + "\",\"description\":\"d\",\"priority\":\"LOW\"}", null);
    }

    private static void assertUnavailableInTime(long startNanos, HttpResponse response) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(503);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().first("Retry-After")).hasValue("5");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).as("answered within the policy's bound").isLessThan(BOUND);
    }

    @Test
    void aTableThatIsDownOrHangsIsA503InBoundedTimeAndTheSameInstanceRecovers() {
        List<String> acknowledged = new ArrayList<>();
        HttpResponse first = createTicket("before");
        assertThat(first.status()).as(first.bodyText()).isEqualTo(201);
        String path = first.headers().first("Location").orElseThrow();
        acknowledged.add(path);

        table.down();
        long start = System.nanoTime();
        assertUnavailableInTime(start, createTicket("while down"));

        table.hang();
        start = System.nanoTime();
        assertUnavailableInTime(start, send("GET", path, null, null, null));

        table.pass();
        HttpResponse patched = send("PATCH", path, null, "{\"status\":\"IN_PROGRESS\"}", "\"1\"");
        assertThat(patched.status()).as("recovered without a restart: %s", patched.bodyText()).isEqualTo(200);
        HttpResponse after = createTicket("after");
        assertThat(after.status()).isEqualTo(201);
        acknowledged.add(after.headers().first("Location").orElseThrow());

        HttpResponse list = send("GET", "/tickets", "limit=100", null, null);
        assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
        List<String> stored = new ArrayList<>();
        json(list).path("items").forEach(item -> stored.add("/tickets/" + item.path("id").asText()));
        assertThat(stored).as("exactly the acknowledged tickets").containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void aPatchWhoseFirstAnswerWasLostSucceedsWhenTheSdkRetryMeetsItsOwnWrite() throws Exception {
        agent = "Bearer " + TestTokens.token("agent-6", "umbrella", Role.AGENT);
        String path = createTicket("patch answer lost").headers().first("Location").orElseThrow();
        String id = path.substring("/tickets/".length());

        // The entity-group transaction lands at version 2; its answer is lost; the SDK retries the same
        // transaction, which now fails its ETag condition against that very write.
        table.loseAnswersTo("$batch");
        CompletableFuture<HttpResponse> patch = CompletableFuture.supplyAsync(
                () -> send("PATCH", path, null, "{\"status\":\"IN_PROGRESS\"}", "\"1\""));
        awaitStoredVersion(id, 2);
        table.pass();

        HttpResponse answered = patch.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(answered.status()).as("the change was applied, once: %s", answered.bodyText()).isEqualTo(200);
        assertThat(answered.headers().first("ETag")).hasValue("\"2\"");
        JsonNode ticket = json(send("GET", path, null, null, null));
        assertThat(ticket.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(ticket.path("version").asLong()).isEqualTo(2);
    }

    /** Polls Azurite directly, past the proxy, until the ticket's own row is at {@code version}. */
    private static void awaitStoredVersion(String ticketId, long version) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        TableClient direct = Emulators.table();
        while (System.nanoTime() < deadline) {
            boolean landed = direct.listEntities().stream()
                    .anyMatch(row -> row.getRowKey().equals("ticket|" + ticketId)
                            && row.getProperty("version") instanceof Number stored && stored.longValue() == version);
            if (landed) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("ticket " + ticketId + " never reached version " + version);
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
