package dev.supportdesk.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.json.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fixture's zip path: the API function (a {@code java21} zip of the template) started from its
 * {@code CodeUri} and {@code Handler} under the Runtime Interface Emulator answers {@code GET /health}
 * sent as API Gateway's payload v2. A smoke check that the managed-runtime composition starts; the
 * API's behaviour is covered by the contract tests.
 */
class ZipFunctionUnderEmulatorIT {

    @Test
    void theApiZipAnswersHealthUnderTheEmulator() throws Exception {
        LambdaFunction function = LambdaFunction.fromTemplate("ApiFunction",
                LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets")));
        assertThat(function.packageType()).isEqualTo("Zip");
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/apigw-v2-request.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        event.put("rawPath", "/health");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/health");
        try (LambdaEmulator emulator = LambdaEmulator.start(function, Map.of(
                "AWS_ENDPOINT_URL_S3", EmulatorsAccess.s3Endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9", // /health reads no table
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"),
                Path.of("target", "rie", function.logicalId()).toAbsolutePath())) {
            LambdaEmulator.Invocation health = emulator.invoke(Json.MAPPER.writeValueAsString(event));
            assertThat(health.status()).as(emulator.output()).isEqualTo(200);
            JsonNode response = Json.MAPPER.readTree(health.body());
            assertThat(response.path("statusCode").asInt()).as(health.body() + "\n" + emulator.output()).isEqualTo(200);
            assertThat(response.path("body").asText()).contains("UP");
            System.out.printf("ApiFunction under the emulator: %s; init %.0f ms, first /health %d ms, peak RSS %d MB%n",
                    emulator.javaUsed(), emulator.initDurationMillis().orElse(-1), health.elapsedMillis(),
                    emulator.peakRssKb().orElse(-1) / 1024);
        }
    }
}
