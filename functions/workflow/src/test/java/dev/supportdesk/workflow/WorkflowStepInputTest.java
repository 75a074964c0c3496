package dev.supportdesk.workflow;

import static dev.supportdesk.workflow.WorkflowFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Malformed step payloads: a clear error naming the step and the field, and no effect at all. */
class WorkflowStepInputTest {

    private final WorkflowFixture fx = new WorkflowFixture();

    static Object[][] badPayloads() {
        String run = "\"runId\":\"20260601T120000Z-manual-abc\",\"asOf\":\"2026-06-01T12:00:00Z\"";
        return new Object[][] {
                {WorkflowDefinition.START, "[]", "must be a JSON object"},
                {WorkflowDefinition.START, "{}", "'trigger' is required"},
                {WorkflowDefinition.START, "{\"trigger\":\"SCHEDULE\"}", "'scheduledAt' is required"},
                {WorkflowDefinition.START, "{\"trigger\":\"SCHEDULE\",\"scheduledAt\":\"yesterday\"}", "ISO-8601"},
                {WorkflowDefinition.START, "{\"trigger\":\"CRON\"}", "SCHEDULE or MANUAL"},
                {WorkflowDefinition.START, "{\"trigger\":\"MANUAL\",\"runId\":\"../x\",\"asOf\":\"2026-06-01T12:00:00Z\"}", "not a workflow run id"},
                {WorkflowDefinition.FIND_DUE, "{" + run + ",\"rule\":\"DELETE_ALL\",\"round\":0}", "must be one of"},
                {WorkflowDefinition.FIND_DUE, "{" + run + ",\"rule\":\"ESCALATE\",\"round\":-1}", "'round'"},
                {WorkflowDefinition.FIND_DUE, "{" + run + ",\"rule\":\"ESCALATE\",\"round\":0,\"cursor\":\"!!\"}", "'cursor'"},
                {WorkflowDefinition.FIND_DUE, "{" + run + ",\"rule\":\"ESCALATE\",\"round\":0,\"extra\":1}", "unknown field 'extra'"},
                {WorkflowDefinition.ESCALATE, "{" + run + ",\"rule\":\"AUTO_CLOSE\",\"batch\":\"b\",\"items\":[]}", "applies ESCALATE"},
                {WorkflowDefinition.ESCALATE, "{" + run + ",\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":{}}", "'items' must be an array"},
                {WorkflowDefinition.ESCALATE, "{" + run + ",\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":[{\"tenant\":\"acme\",\"ticketId\":\"%s\"},{\"tenant\":\"acme\"}]}", "items[1]"},
                {WorkflowDefinition.AUTO_CLOSE, "{" + run + ",\"rule\":\"AUTO_CLOSE\",\"batch\":\"b\",\"items\":[{\"tenant\":\"acme\",\"ticketId\":\"%s\"},7]}", "items[1]"},
                {WorkflowDefinition.RETRY_OCR, "{" + run + ",\"rule\":\"RETRY_OCR\",\"batch\":\"b\",\"items\":[{\"tenant\":\"acme\",\"ticketId\":\"x\"}]}", "'attachmentId' is required"},
                {WorkflowDefinition.RECORD, "{\"runId\":\"20260601T120000Z-manual-abc\"}", "'asOf' is required"},
                {WorkflowDefinition.BATCH_FAILED, "\"text\"", "must be a JSON object"},
        };
    }

    @ParameterizedTest
    @MethodSource("badPayloads")
    void aMalformedPayloadIsAClearErrorAndChangesNothing(String step, String payload, String message) throws Exception {
        fx.runs.create(new WorkflowRuns.RunRef("20260601T120000Z-manual-abc", NOW, "MANUAL"));
        Ticket due = fx.ticket("acme", TicketStatus.OPEN, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        Ticket resolved = fx.ticket("acme", TicketStatus.RESOLVED, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        String json = payload.replace("%s", step.equals(WorkflowDefinition.AUTO_CLOSE) ? resolved.id() : due.id());
        JsonNode input = Json.MAPPER.readTree(json);
        String runBefore = fx.store.find(WorkflowRuns.KIND, "20260601T120000Z-manual-abc").orElseThrow().json();
        Function<JsonNode, JsonNode> function = fx.functions.get(step);

        assertThatThrownBy(() -> function.apply(input)).isInstanceOf(InvalidStepInputException.class)
                .hasMessageStartingWith(step).hasMessageContaining(message);

        assertThat(fx.reload(due)).isEqualTo(due);
        assertThat(fx.reload(resolved)).isEqualTo(resolved);
        assertThat(((InMemoryTicketStore) fx.tickets).allResponses()).isEmpty();
        assertThat(fx.store.find(WorkflowRuns.KIND, "20260601T120000Z-manual-abc").orElseThrow().json()).isEqualTo(runBefore);
        assertThat(fx.runs.latest(10)).hasSize(1);
    }

    @Test
    void aBatchOfAnUnknownRunIsRefusedBeforeAnyEffect() throws Exception {
        Ticket due = fx.ticket("acme", TicketStatus.OPEN, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        JsonNode input = Json.MAPPER.readTree("{\"runId\":\"20260601T120000Z-manual-nope\",\"asOf\":\"2026-06-01T12:00:00Z\","
                + "\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":[{\"tenant\":\"acme\",\"ticketId\":\"" + due.id() + "\"}]}");
        assertThatThrownBy(() -> fx.steps.escalate(input)).isInstanceOf(InvalidStepInputException.class)
                .hasMessageContaining("no workflow run");
        assertThat(fx.reload(due)).isEqualTo(due);
    }

    @Test
    void aStepThatFailsForGoodIsCaughtAndRecordedAndBadInputIsNotRetried() {
        fx.ticket("acme", TicketStatus.OPEN, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        WorkflowRuns.RunRef run = fx.runs.manual();
        fx.runs.create(run);
        JsonNode record = fx.interpreter((step, input) -> {
            if (step.equals(WorkflowDefinition.ESCALATE)) {
                attempts.incrementAndGet();
                throw new IllegalStateException("store unavailable");
            }
            return fx.functions.get(step).apply(input);
        }).run(WorkflowFixture.manualStart(run));
        assertThat(attempts.get()).as("first attempt + retries").isEqualTo(WorkflowDefinition.STANDARD.retry().maxRetries() + 1);
        assertThat(record.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.path("failures").get(0).asText()).startsWith("ESCALATE-").contains("store unavailable");

        attempts.set(0);
        WorkflowRuns.RunRef second = fx.runs.manual();
        fx.runs.create(second);
        JsonNode failed = fx.interpreter((step, input) -> {
            if (step.equals(WorkflowDefinition.FIND_DUE)) {
                attempts.incrementAndGet();
                throw new InvalidStepInputException("workflowFindDue: broken");
            }
            return fx.functions.get(step).apply(input);
        }).run(WorkflowFixture.manualStart(second));
        assertThat(attempts.get()).as("bad input is not retried").isEqualTo(1);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").asText()).contains("InvalidStepInputException").contains("broken");
        assertThat(Map.of("ok", 1)).isNotEmpty();
    }
}
