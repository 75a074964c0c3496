package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ocr.OcrProperties;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The OCR delivery budget on Azure: host.json, the queue settings and the app settings of
 * {@code bicep/modules/functionApp.bicep} agree with the OCR lease and attempts.
 *
 * <p>The Event Grid delivery to {@code blobCreated} only records the upload and enqueues (Event Grid
 * waits 30 s for an answer, then retries: https://learn.microsoft.com/azure/event-grid/delivery-and-retry);
 * the {@code ocrQueue} function runs OCR. The host hides a message while its function runs, deletes it
 * when the function returns, makes it visible again {@code queues.visibilityTimeout} after it fails, and
 * after {@code queues.maxDequeueCount} deliveries moves it to {@code <queue>-poison}
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json,
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages).
 * A run is stopped after host.json's {@code functionTimeout}; left unset it is 30 minutes on a
 * Dedicated plan (https://learn.microsoft.com/azure/azure-functions/functions-scale#timeout), so it is set.
 *
 * <p>With functionTimeout T, OCR lease L ({@code SUPPORTDESK_OCR_LEASE}), visibility timeout V, max
 * dequeue count D, OCR attempts A ({@code SUPPORTDESK_OCR_MAX_ATTEMPTS}) and the workflow's OCR timeout W
 * ({@code SUPPORTDESK_WORKFLOW_OCR_TIMEOUT}):
 * <ul>
 *   <li>T &lt; L: the host stops a run before its claim can be taken over, so no two runs of a
 *       document overlap;</li>
 *   <li>L ≤ V: a redelivery (after a failed or timed-out run, or an instance that died) comes when any
 *       earlier claim is finished or expired, so it is never answered "in progress elsewhere" by a dead run;</li>
 *   <li>D ≥ A + 1: each delivery claims at most once, so the queue delivers the A attempts and the one that
 *       records FAILED before it keeps a message as poison;</li>
 *   <li>W &gt; L: the workflow re-emits only work whose claim has expired.</li>
 * </ul>
 */
class OcrDeliveryBudgetTest {

    private final JsonNode host = hostJson();
    private final Map<String, String> settings = BicepAppSettingsTest.appSettings();
    private final OcrProperties ocr = OcrProperties.of(Map.of(
            "lease", literal("SUPPORTDESK_OCR_LEASE"),
            "max-attempts", literal("SUPPORTDESK_OCR_MAX_ATTEMPTS")));

    @Test
    void theFunctionTimeoutIsSetAndEndsARunBeforeItsLease() {
        assertThat(host.path("functionTimeout").isTextual())
                .as("host.json functionTimeout (unset: 30 min on a Dedicated plan, longer than the lease)").isTrue();
        Duration timeout = timeSpan(host.path("functionTimeout").asText());
        assertThat(timeout).as("functionTimeout T < lease L = %s", ocr.lease()).isLessThan(ocr.lease());
    }

    @Test
    void aRedeliveryComesOnlyOnceAnyEarlierClaimIsOver() {
        Duration visibility = timeSpan(queues().path("visibilityTimeout").asText("00:00:00"));
        assertThat(ocr.lease()).as("lease L <= queues.visibilityTimeout V = %s", visibility).isLessThanOrEqualTo(visibility);
    }

    @Test
    void theQueueDeliversEveryAttemptAndTheFailureBeforeKeepingAPoisonMessage() {
        int maxDequeueCount = queues().path("maxDequeueCount").asInt(5);
        assertThat(maxDequeueCount).as("queues.maxDequeueCount D >= max attempts A + 1 = %d", ocr.maxAttempts() + 1)
                .isGreaterThanOrEqualTo(ocr.maxAttempts() + 1);
    }

    @Test
    void theWorkflowReemitsOnlyWorkWhoseClaimExpired() {
        Duration workflowOcrTimeout = DurationStyle.detectAndParse(literal("SUPPORTDESK_WORKFLOW_OCR_TIMEOUT"));
        assertThat(workflowOcrTimeout).as("workflow OCR timeout W > lease L").isGreaterThan(ocr.lease());
    }

    private JsonNode queues() {
        return host.path("extensions").path("queues");
    }

    /** The value of an app setting that the template sets to a literal, e.g. {@code '16m'}. */
    private String literal(String name) {
        String value = settings.get(name);
        assertThat(value).as("app setting %s in %s", name, BicepSources.FUNCTION_APP).isNotNull().matches("'[^']*'");
        return value.substring(1, value.length() - 1);
    }

    /** host.json's TimeSpan format, {@code hh:mm:ss}. */
    static Duration timeSpan(String value) {
        assertThat(value).as("TimeSpan hh:mm:ss").matches("\\d{2}:\\d{2}:\\d{2}");
        String[] parts = value.split(":");
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(parts[2]));
    }

    static JsonNode hostJson() {
        try {
            return Json.MAPPER.readTree(Files.readString(BicepSources.repositoryRoot().resolve("adapters/azure/host.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
