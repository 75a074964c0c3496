package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What azure-functions-maven-plugin generated in the package phase: the files the host reads. */
class FunctionBindingsIT {

    private final Path staging = Path.of(System.getProperty("functions.staging", "target/azure-functions/supportdesk"));

    @Test
    void theAppHasExactlyItsFunctions() throws IOException {
        try (Stream<Path> entries = Files.list(staging)) {
            assertThat(entries.filter(p -> Files.exists(p.resolve("function.json"))).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("httpApi", "blobCreated", "ocrQueue", "workflowTimer", "workflowOrchestrator",
                            "workflowStart", "workflowFindDue", "workflowEscalate", "workflowAutoClose",
                            "workflowRetryOcr", "workflowBatchFailed", "workflowRecord", "backfillTicketKeys");
        }
    }

    @Test
    void theKeyBackfillIsAnAdminKeyPostOnItsOwnRoute() throws IOException {
        JsonNode function = function("backfillTicketKeys");
        assertThat(function.path("entryPoint").asText()).isEqualTo(KeyBackfillFunction.class.getName() + ".run");
        JsonNode trigger = binding(function, "httpTrigger");
        assertThat(trigger.path("route").asText()).isEqualTo("ops/backfill-ticket-keys");
        assertThat(trigger.path("authLevel").asText()).isEqualToIgnoringCase("admin");
        assertThat(texts(trigger.path("methods"))).containsExactly("POST");
    }

    @Test
    void httpApiIsOneAnonymousCatchAllRoute() throws IOException {
        JsonNode function = function("httpApi");
        assertThat(function.path("entryPoint").asText()).isEqualTo(HttpApiFunction.class.getName() + ".run");
        JsonNode trigger = binding(function, "httpTrigger");
        assertThat(trigger.path("direction").asText()).isEqualTo("in");
        assertThat(trigger.path("route").asText()).isEqualTo("{*path}");
        assertThat(trigger.path("authLevel").asText()).isEqualToIgnoringCase("anonymous");
        assertThat(trigger.path("dataType").asText()).isEqualTo("binary");
        assertThat(texts(trigger.path("methods")))
                .containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(binding(function, "http").path("name").asText()).isEqualTo("$return");
    }

    @Test
    void blobCreatedIsAnEventGridTrigger() throws IOException {
        JsonNode function = function("blobCreated");
        assertThat(function.path("entryPoint").asText()).isEqualTo(BlobCreatedFunction.class.getName() + ".run");
        assertThat(binding(function, "eventGridTrigger").path("direction").asText()).isEqualTo("in");
    }

    @Test
    void ocrQueueIsAQueueTrigger() throws IOException {
        JsonNode function = function("ocrQueue");
        assertThat(function.path("entryPoint").asText()).isEqualTo(OcrQueueFunction.class.getName() + ".run");
        JsonNode trigger = binding(function, "queueTrigger");
        assertThat(trigger.path("direction").asText()).isEqualTo("in");
        assertThat(trigger.path("queueName").asText()).isEqualTo("%SUPPORTDESK_AZURE_OCR_QUEUE_NAME%");
        assertThat(trigger.path("connection").asText()).isEqualTo("OcrQueue");
    }

    @Test
    void theWorkflowTimerRunsEveryQuarterHour() throws IOException {
        JsonNode function = function("workflowTimer");
        assertThat(binding(function, "timerTrigger").path("schedule").asText()).isEqualTo("0 */15 * * * *");
        assertThat(binding(function, "durableClient").path("direction").asText()).isEqualTo("in");
    }

    @Test
    void theWorkflowIsADurableOrchestrationWithAnActivityPerStep() throws IOException {
        assertThat(binding(function("workflowOrchestrator"), "orchestrationTrigger").path("direction").asText())
                .isEqualTo("in");
        for (String step : dev.supportdesk.workflow.WorkflowDefinition.STANDARD.steps()) {
            assertThat(binding(function(step), "activityTrigger").path("direction").asText()).as(step).isEqualTo("in");
        }
        assertThat(binding(function("httpApi"), "durableClient").path("direction").asText()).isEqualTo("in");
    }

    @Test
    void hostJsonAndLibrariesAreStaged() throws IOException {
        JsonNode host = Json.MAPPER.readTree(staging.resolve("host.json").toFile());
        assertThat(host.path("extensions").path("http").path("routePrefix").asText("missing")).isEmpty();
        assertThat(host.path("extensionBundle").path("version").asText()).startsWith("[4.");
        try (Stream<Path> libs = Files.list(staging.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("functions-")).anyMatch(n -> n.startsWith("azure-data-tables-"))
                    .noneMatch(n -> n.startsWith("azure-functions-java-library"))
                    .noneMatch(n -> n.startsWith("azure-core-http-netty"));
        }
    }

    private JsonNode function(String name) throws IOException {
        return Json.MAPPER.readTree(staging.resolve(name).resolve("function.json").toFile());
    }

    private static JsonNode binding(JsonNode function, String type) {
        for (JsonNode binding : function.path("bindings")) {
            if (binding.path("type").asText().equals(type)) {
                return binding;
            }
        }
        throw new AssertionError("no binding of type " + type + " in " + function);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
