package dev.supportdesk.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API function's zip under the Runtime Interface Emulator, with the template's environment: what it
 * writes to stdout is what CloudWatch Logs receives with {@code LogFormat: JSON}. Its own lines are JSON
 * objects carrying API Gateway's request id and the caller's trace id, one of them an Embedded Metric
 * Format document of {@code api_requests_total}; the response carries {@code X-Request-Id} and
 * {@code traceparent}.
 */
class TelemetryUnderEmulatorIT {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theApiZipWritesJsonLinesWithTheRequestIdAndAnEmfDocument() throws Exception {
        LambdaFunction function = LambdaFunction.fromTemplate("ApiFunction",
                LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets")));
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/apigw-v2-request.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        String requestId = "emulated-gw-request-0001";
        event.put("rawPath", "/health");
        ((ObjectNode) event.path("requestContext")).put("requestId", requestId);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/health").put("method", "GET");
        ((ObjectNode) event.path("headers")).put("traceparent", TRACEPARENT);
        try (LambdaEmulator emulator = LambdaEmulator.start(function, Map.of(
                "AWS_ENDPOINT_URL_S3", EmulatorsAccess.s3Endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9", // /health reads no table
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                // what the template's ApplicationLogLevel becomes inside the function; DEBUG shows the router's access line
                "AWS_LAMBDA_LOG_LEVEL", "DEBUG"),
                Path.of("target", "rie", "telemetry-" + function.logicalId()).toAbsolutePath())) {
            LambdaEmulator.Invocation health = emulator.invoke(Json.MAPPER.writeValueAsString(event));
            assertThat(health.status()).as(emulator.output()).isEqualTo(200);
            JsonNode response = Json.MAPPER.readTree(health.body());
            assertThat(response.path("statusCode").asInt()).as(health.body()).isEqualTo(200);
            JsonNode headers = response.path("headers");
            assertThat(headers.path("X-Request-Id").asText(headers.path("x-request-id").asText())).isEqualTo(requestId);
            assertThat(headers.path("traceparent").asText()).isEqualTo(TRACEPARENT);

            List<JsonNode> ofRequest = new ArrayList<>();
            for (String line : emulator.output().split("\n")) {
                if (line.contains(requestId)) {
                    ofRequest.add(json(line));
                }
            }
            assertThat(ofRequest).as("stdout lines of request %s:\n%s", requestId, emulator.output()).isNotEmpty();
            assertThat(ofRequest).allSatisfy(line -> {
                assertThat(line.path("requestId").asText()).isEqualTo(requestId);
                assertThat(line.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            });
            assertThat(ofRequest).anySatisfy(line -> {
                JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
                assertThat(directive.path("Namespace").asText()).isEqualTo("supportdesk");
                assertThat(directive.path("Metrics").path(0).path("Name").asText()).isEqualTo("api_requests_total");
                assertThat(line.path("api_requests_total").asLong()).isEqualTo(1);
                assertThat(line.path("route").asText()).isEqualTo("/health");
                assertThat(line.path("status_class").asText()).isEqualTo("2xx");
                assertThat(line.path("service").asText()).isEqualTo("supportdesk");
            });
            assertThat(ofRequest).anySatisfy(line -> {
                assertThat(line.path("level").asText()).isEqualTo("DEBUG");
                assertThat(line.path("message").asText()).contains("GET /health -> 200");
                assertThat(line.path("function").asText()).isEqualTo("api");
            });
        }
    }

    private static JsonNode json(String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }
}
