package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.FakeOrchestrationContext;
import dev.supportdesk.azure.workflow.DurableWorkflowOrchestrator;
import dev.supportdesk.azure.workflow.WorkflowFunctions;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.InvalidStepInputException;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowRuns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Durable orchestrator against a fake {@code TaskOrchestrationContext} (the Durable host cannot
 * run here), its activities being the real activity functions on Azurite: fan-out over batches,
 * the retry handler (backoff timers, bad input not retried), the catch of failed batches, and the
 * effects of a whole run, each once even when the orchestration is started again for the same slot.
 */
class DurableWorkflowOrchestratorAgainstFakeOrchestrationContextTest {

    private static final String TABLE = "supportdeskworkflow";
    private static ConfigurableApplicationContext context;
    private static WorkflowFunctions functions;
    private static TicketStore store;

    @BeforeAll
    static void start() {
        Emulators.connectionString();
        new com.azure.data.tables.TableServiceClientBuilder().connectionString(Emulators.connectionString())
                .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build()).buildClient()
                .createTableIfNotExists(TABLE);
        Map<String, Object> properties = new HashMap<>(Emulators.properties());
        properties.put("supportdesk.azure.table-name", TABLE);
        properties.put("supportdesk.workflow.batch-size", "2");
        properties.put("supportdesk.workflow.batches-per-round", "2");
        context = AzureRuntime.start(properties);
        functions = new WorkflowFunctions(context);
        store = context.getBean(TicketStore.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static String startInput() {
        WorkflowRuns runs = context.getBean(WorkflowRuns.class);
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        return Json.object().put("trigger", "MANUAL").put("runId", run.runId()).put("asOf", run.asOf().toString()).toString();
    }

    @Test
    void aRunFansOutOverBatchesAndAppliesEveryRuleOnceEvenWhenStartedAgain() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MILLIS);
        List<Ticket> escalate = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Ticket t = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.NORMAL,
                    TicketStatus.IN_PROGRESS, null, old, old.plusSeconds(i), 1);
            store.create(t);
            escalate.add(t);
        }
        Ticket resolved = new Ticket(UUID.randomUUID().toString(), tenant, "bob", "s", "d", Priority.LOW,
                TicketStatus.RESOLVED, null, old, old, 1);
        store.create(resolved);
        String attachmentId = UUID.randomUUID().toString();
        store.addAttachment(new Attachment(attachmentId, tenant, resolved.id(), "a.pdf", "application/pdf", 4,
                "uploads/" + tenant + "/" + resolved.id() + "/" + attachmentId, old, old, OcrStatus.PROCESSING, null, 2));

        String input = startInput();
        FakeOrchestrationContext ctx = new FakeOrchestrationContext("instance-1", input, functions::step);
        JsonNode record = Json.MAPPER.valueToTree(parse(new DurableWorkflowOrchestrator(WorkflowDefinition.STANDARD).run(ctx)));

        assertThat(record.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.path("steps").path("ESCALATE").path("applied").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(record.path("steps").path("ESCALATE").path("batches").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(Collections.frequency(ctx.attempts, WorkflowDefinition.ESCALATE)).isGreaterThanOrEqualTo(3);
        escalate.forEach(t -> assertThat(store.find(tenant, t.id()).orElseThrow().priority()).isEqualTo(Priority.HIGH));
        assertThat(store.find(tenant, resolved.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);

        FakeOrchestrationContext again = new FakeOrchestrationContext("instance-1", input, functions::step);
        JsonNode second = parse(new DurableWorkflowOrchestrator(WorkflowDefinition.STANDARD).run(again));
        assertThat(second.path("steps")).isEqualTo(record.path("steps"));
        escalate.forEach(t -> assertThat(store.find(tenant, t.id()).orElseThrow().version()).isEqualTo(2));
        assertThat(store.listResponses(new dev.supportdesk.tickets.ResponseQuery(tenant, resolved.id(), true, java.util.Optional.empty(), 10))).hasSize(1);
    }

    @Test
    void failingBatchesAreRetriedWithBackoffThenReportedAndBadInputIsNotRetried() {
        String input = startInput();
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MILLIS);
        store.create(new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.LOW,
                TicketStatus.OPEN, null, old, old, 1));
        FakeOrchestrationContext ctx = new FakeOrchestrationContext("instance-2", input, (name, payload) -> {
            if (name.equals(WorkflowDefinition.ESCALATE)) {
                throw new IllegalStateException("table unavailable");
            }
            if (name.equals(WorkflowDefinition.AUTO_CLOSE)) {
                throw new InvalidStepInputException("workflowAutoClose: broken batch");
            }
            return functions.step(name, payload);
        });
        JsonNode record = parse(new DurableWorkflowOrchestrator(WorkflowDefinition.STANDARD).run(ctx));
        WorkflowDefinition.Retry retry = WorkflowDefinition.STANDARD.retry();
        int escalations = Collections.frequency(ctx.attempts, WorkflowDefinition.ESCALATE);
        int batches = escalations / (retry.maxRetries() + 1);
        assertThat(escalations).isEqualTo(batches * (retry.maxRetries() + 1)).isPositive();
        assertThat(ctx.timers).startsWith(retry.delayBefore(1), retry.delayBefore(2), retry.delayBefore(3));
        assertThat(record.path("failures").toString()).contains("table unavailable");
        int closes = Collections.frequency(ctx.attempts, WorkflowDefinition.AUTO_CLOSE);
        assertThat(Collections.frequency(ctx.attempts, WorkflowDefinition.BATCH_FAILED)).isEqualTo(batches + closes);
        if (closes > 0) {
            assertThat(record.path("failures").toString()).contains("broken batch");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
