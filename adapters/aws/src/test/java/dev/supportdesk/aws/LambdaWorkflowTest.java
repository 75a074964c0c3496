package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ocr.TestDocuments;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.InvalidStepInputException;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowInterpreter;
import dev.supportdesk.workflow.WorkflowRuns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The workflow's steps through the Lambda {@link StepHandler} on DynamoDB Local, driven the way the
 * state machine drives them (the core's interpreter of the same definition stands in for Step
 * Functions, which cannot run here), on a table of their own. Also: POST /workflow/runs through
 * the API handler starts a Step Functions execution named after the run (moto records it).
 */
class LambdaWorkflowTest {

    private static final String TABLE = "supportdesk-workflow-test";
    private static ConfigurableApplicationContext context;
    private static StepHandler steps;
    private static TicketStore store;

    @BeforeAll
    static void start() {
        context = Emulators.awsContext(TABLE, Map.of("supportdesk.workflow.batch-size", "3",
                "supportdesk.workflow.batches-per-round", "2"));
        steps = new StepHandler(context);
        store = context.getBean(TicketStore.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static JsonNode invoke(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            steps.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The interpreter calling every step through the Lambda handler, as each Task of the state machine does. */
    private static WorkflowInterpreter throughLambda(AtomicInteger calls, int crashAfter) {
        return new WorkflowInterpreter(WorkflowDefinition.STANDARD, (step, input) -> {
            JsonNode out = invoke(Json.object().put("step", step).set("input", input).toString());
            if (calls.incrementAndGet() == crashAfter) {
                throw new SimulatedCrash("simulated crash of the engine after " + step);
            }
            return out;
        }, duration -> { });
    }

    /** The engine dying between two steps: an Error, which no step or retry policy catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    private record Seeded(List<Ticket> escalate, List<Ticket> close, Attachment stuck) {
    }

    private static Seeded seed(String tenant) {
        Instant old = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS);
        List<Ticket> escalate = new ArrayList<>();
        List<Ticket> close = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Ticket e = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.values()[i % 3],
                    TicketStatus.OPEN, null, old, old.plusSeconds(i), 1);
            Ticket c = new Ticket(UUID.randomUUID().toString(), tenant + "-b", "bob", "s", "d", Priority.values()[i % 4],
                    TicketStatus.RESOLVED, null, old, old.plusSeconds(i), 1);
            store.create(e);
            store.create(c);
            escalate.add(e);
            close.add(c);
        }
        String id = UUID.randomUUID().toString();
        Attachment stuck = new Attachment(id, tenant, escalate.get(0).id(), "a.png", "image/png", 3,
                "uploads/" + tenant + "/" + escalate.get(0).id() + "/" + id, old, old, OcrStatus.PENDING, null, 2);
        store.addAttachment(stuck);
        return new Seeded(escalate, close, stuck);
    }

    @Test
    void aRunThroughTheStepLambdaEscalatesClosesAndRetriesEachOnceEvenWhenCrashedAndResumed() {
        Seeded seeded = seed("t" + UUID.randomUUID().toString().substring(0, 8));
        WorkflowRuns runs = context.getBean(WorkflowRuns.class);
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        JsonNode start = Json.object().put("trigger", "MANUAL").put("runId", run.runId()).put("asOf", run.asOf().toString());

        assertThatThrownBy(() -> throughLambda(new AtomicInteger(), 4).run(start)).isInstanceOf(SimulatedCrash.class);
        JsonNode record = throughLambda(new AtomicInteger(), -1).run(start);
        JsonNode again = throughLambda(new AtomicInteger(), -1).run(start);

        assertThat(record.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.path("steps").path("ESCALATE").path("applied").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(again.path("steps")).isEqualTo(record.path("steps"));
        for (Ticket t : seeded.escalate()) {
            Ticket after = store.find(t.tenant(), t.id()).orElseThrow();
            assertThat(after.priority().ordinal()).isEqualTo(t.priority().ordinal() + 1);
            assertThat(after.version()).isEqualTo(2);
            assertThat(store.listResponses(new dev.supportdesk.tickets.ResponseQuery(t.tenant(), t.id(), true, java.util.Optional.empty(), 10))).hasSize(1);
        }
        for (Ticket t : seeded.close()) {
            assertThat(store.find(t.tenant(), t.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(store.listResponses(new dev.supportdesk.tickets.ResponseQuery(t.tenant(), t.id(), false, java.util.Optional.empty(), 10))).hasSize(1);
        }
        assertThat(context.getBean(dev.supportdesk.workflow.WorkflowStore.class).find("ocr-retry",
                seeded.stuck().tenant() + "/" + seeded.stuck().ticketId() + "/" + seeded.stuck().id())).isPresent();
    }

    @Test
    void malformedStepPayloadsAreRefusedWithoutEffect() {
        Seeded seeded = seed("t" + UUID.randomUUID().toString().substring(0, 8));
        Ticket target = seeded.escalate().get(0);
        String item = "{\"tenant\":\"" + target.tenant() + "\",\"ticketId\":\"" + target.id() + "\"}";
        assertThatThrownBy(() -> invoke("{not json")).isInstanceOf(InvalidStepInputException.class);
        assertThatThrownBy(() -> invoke("{\"step\":\"workflowEscalate\"}")).isInstanceOf(InvalidStepInputException.class)
                .hasMessageContaining("\"input\"");
        assertThatThrownBy(() -> invoke("{\"step\":\"api\",\"input\":{}}")).isInstanceOf(InvalidStepInputException.class)
                .hasMessageContaining("unknown workflow step 'api'");
        assertThatThrownBy(() -> invoke("{\"step\":\"workflowEscalate\",\"input\":{\"runId\":\"20260101T000000Z-manual-x\","
                + "\"asOf\":\"2026-01-01T00:00:00Z\",\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":[" + item + ",{}]}}"))
                .isInstanceOf(InvalidStepInputException.class).hasMessageContaining("items[1]");
        assertThatThrownBy(() -> invoke("{\"step\":\"workflowStart\",\"input\":\"yesterday\"}"))
                .isInstanceOf(InvalidStepInputException.class).hasMessageContaining("JSON object");
        assertThat(store.find(target.tenant(), target.id())).contains(target);
    }

    @Test
    void postWorkflowRunsStartsAStepFunctionsExecutionNamedAfterTheRun() {
        ApiGatewaySimulator gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        String admin = ApiGatewaySimulator.idToken("root", "acme", Role.ADMIN);
        HttpResponse started = gateway.send(HttpRequest.builder("POST", "/workflow/runs")
                .header("Authorization", "Bearer " + admin).build());
        assertThat(started.status()).as(started.bodyText()).isEqualTo(202);
        String runId = started.headers().first("Location").orElseThrow().substring("/workflow/runs/".length());
        try (var sfn = Emulators.sfn()) {
            var executions = sfn.listExecutions(b -> b.stateMachineArn(Emulators.stateMachineArn())).executions();
            assertThat(executions).anySatisfy(e -> assertThat(e.name()).isEqualTo(runId));
        }
        HttpResponse read = gateway.send(HttpRequest.builder("GET", "/workflow/runs/" + runId)
                .header("Authorization", "Bearer " + admin).build());
        assertThat(read.status()).isEqualTo(200);
        HttpResponse agent = gateway.send(HttpRequest.builder("GET", "/workflow/runs")
                .header("Authorization", "Bearer " + ApiGatewaySimulator.idToken("a", "acme", Role.AGENT)).build());
        assertThat(agent.status()).isEqualTo(403);
    }

    @Test
    void stuckOcrWorkGoesBackToTheOcrFunctionAsAnS3NotificationThatCompletesIt() throws IOException {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant twoHoursAgo = now.minus(Duration.ofHours(2));
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "scan", "attached", Priority.NORMAL,
                TicketStatus.OPEN, null, now, now, 1);
        store.create(ticket);
        String id = UUID.randomUUID().toString();
        String key = AttachmentKeys.key(tenant, ticket.id(), id);
        byte[] png = TestDocuments.png("Stuck in the queue", "Room 7");
        Emulators.s3().putObject(b -> b.bucket(Emulators.BUCKET).key(key).contentType("image/png"),
                RequestBody.fromBytes(png));
        // Uploaded two hours ago, and the upload's OCR invocation never completed.
        store.addAttachment(new Attachment(id, tenant, ticket.id(), "scan.png", "image/png", png.length, key,
                twoHoursAgo, twoHoursAgo, OcrStatus.PENDING, null, 2));

        WorkflowRuns runs = context.getBean(WorkflowRuns.class);
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        throughLambda(new AtomicInteger(), -1).run(Json.object().put("trigger", "MANUAL").put("runId", run.runId())
                .put("asOf", run.asOf().toString()));

        List<RecordedLambdaInvocations.Invocation> sent = RecordedLambdaInvocations.all().stream()
                .filter(i -> i.payload().contains(id)).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).invocationType()).isEqualTo("Event");
        assertThat(java.net.URLDecoder.decode(sent.get(0).path(), StandardCharsets.UTF_8)).contains(Emulators.OCR_FUNCTION_ARN);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new S3UploadHandler(context).handleRequest(
                new ByteArrayInputStream(sent.get(0).payload().getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(Json.MAPPER.readTree(out.toByteArray()).path("records").get(0).path("ocr").asText()).isEqualTo("DONE");
        Attachment done = store.findAttachment(tenant, ticket.id(), id).orElseThrow();
        assertThat(done.ocrStatus()).isEqualTo(OcrStatus.DONE);
        assertThat(done.ocrText()).contains("Stuck in the queue");
    }
}
