package dev.supportdesk.aws.statemachine;

import dev.supportdesk.testing.ProjectPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.StepHandler;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.InvalidStepInputException;
import dev.supportdesk.workflow.WorkflowDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The committed state machine ({@code sam/statemachine/workflow.asl.json}) simulated by
 * {@link AslSubsetInterpreter} (not Step Functions) against the real {@link StepHandler} on DynamoDB
 * Local: its paths, selectors, loops and catches carry a run from the scheduler's input to the run
 * record, and its Retry/Catch policy behaves as declared.
 */
class GeneratedStateMachineSimulationTest {

    private static ConfigurableApplicationContext context;
    private static StepHandler handler;
    private static TicketStore store;
    private static JsonNode definition;

    @BeforeAll
    static void start() throws IOException {
        context = dev.supportdesk.aws.EmulatorsAccess.awsContext("supportdesk-asl-test", Map.of(
                "supportdesk.workflow.batch-size", "2", "supportdesk.workflow.batches-per-round", "2"));
        handler = new StepHandler(context);
        store = context.getBean(TicketStore.class);
        definition = Json.MAPPER.readTree(Files.readString(ProjectPaths.root().resolve("sam/statemachine/workflow.asl.json")));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static JsonNode invoke(JsonNode payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.bytes(payload)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Ticket> seed(int n) {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.MILLIS);
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ticket t = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.LOW,
                    i % 2 == 0 ? TicketStatus.OPEN : TicketStatus.RESOLVED, null, old, old.plusSeconds(i), 1);
            store.create(t);
            tickets.add(t);
        }
        return tickets;
    }

    @Test
    void aScheduledExecutionCarriesTheRunThroughEveryStateToItsRecord() {
        List<Ticket> tickets = seed(9);
        AslSubsetInterpreter machine = new AslSubsetInterpreter(GeneratedStateMachineSimulationTest::invoke);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        JsonNode output = machine.execute(definition, Json.object().put("trigger", "SCHEDULE").put("scheduledAt", slot.toString()));

        assertThat(output.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.path("id").asText()).endsWith("-schedule");
        assertThat(output.path("steps").path("ESCALATE").path("applied").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(output.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(machine.invocations.get(WorkflowDefinition.FIND_DUE)).as("find rounds loop via the Choice")
                .isGreaterThanOrEqualTo(3 + 2);
        for (Ticket t : tickets) {
            Ticket after = store.find(t.tenant(), t.id()).orElseThrow();
            assertThat(after.version()).isEqualTo(2);
            assertThat(after.status() == TicketStatus.CLOSED || after.priority() == Priority.NORMAL).isTrue();
        }

        AslSubsetInterpreter duplicate = new AslSubsetInterpreter(GeneratedStateMachineSimulationTest::invoke);
        JsonNode again = duplicate.execute(definition, Json.object().put("trigger", "SCHEDULE").put("scheduledAt", slot.toString()));
        assertThat(again.path("id")).isEqualTo(output.path("id"));
        tickets.forEach(t -> assertThat(store.find(t.tenant(), t.id()).orElseThrow().version()).isEqualTo(2));
    }

    @Test
    void failingBatchesAreRetriedThenCaughtAndReportedAndBadInputFailsTheExecutionWithoutRetry() {
        seed(3);
        Function<JsonNode, JsonNode> flaky = payload -> {
            if (payload.path("step").asText().equals(WorkflowDefinition.ESCALATE)) {
                throw new IllegalStateException("throttled");
            }
            return invoke(payload);
        };
        AslSubsetInterpreter machine = new AslSubsetInterpreter(flaky);
        JsonNode output = machine.execute(definition, Json.object().put("trigger", "SCHEDULE")
                .put("scheduledAt", Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES).toString()));
        assertThat(machine.invocations).as("%s", output).containsKey(WorkflowDefinition.BATCH_FAILED);
        int batches = machine.invocations.get(WorkflowDefinition.BATCH_FAILED);
        assertThat(batches).isPositive();
        assertThat(machine.invocations.get(WorkflowDefinition.ESCALATE))
                .isEqualTo(batches * (WorkflowDefinition.STANDARD.retry().maxRetries() + 1));
        assertThat(output.path("failures").toString()).contains("throttled");

        Function<JsonNode, JsonNode> broken = payload -> {
            if (payload.path("step").asText().equals(WorkflowDefinition.FIND_DUE)) {
                throw new InvalidStepInputException("workflowFindDue: broken");
            }
            return invoke(payload);
        };
        AslSubsetInterpreter failing = new AslSubsetInterpreter(broken);
        Instant slot = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        assertThatThrownBy(() -> failing.execute(definition, Json.object().put("trigger", "SCHEDULE")
                .put("scheduledAt", slot.toString())))
                .isInstanceOf(AslSubsetInterpreter.ExecutionFailed.class).hasMessageContaining("WorkflowStepFailed");
        assertThat(failing.invocations.get(WorkflowDefinition.FIND_DUE)).as("bad input is not retried").isEqualTo(1);
        var run = context.getBean(dev.supportdesk.workflow.WorkflowRuns.class)
                .find(dev.supportdesk.workflow.WorkflowRuns.scheduled(slot).runId()).orElseThrow();
        assertThat(run.status()).as("recorded by the RecordFailure state").isEqualTo("FAILED");
        assertThat(run.error()).contains("InvalidStepInputException").contains("broken");
    }
}
