package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The workflow wired on given stores with a controllable clock, the way the adapters wire it. */
public final class WorkflowFixture {

    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    public final MutableClock clock = new MutableClock(NOW);
    public final TicketStore tickets;
    public final WorkflowStore store;
    public final WorkflowRuns runs;
    public final WorkflowSettings settings;
    public final WorkflowSteps steps;
    /** Every OCR re-emission, as "tenant/ticket/attachment". */
    public final List<String> reemitted = new CopyOnWriteArrayList<>();
    public final Map<String, Function<JsonNode, JsonNode>> functions;

    public WorkflowFixture(TicketStore tickets, WorkflowStore store, WorkflowSettings settings) {
        this.tickets = tickets;
        this.store = store;
        this.settings = settings;
        this.runs = new WorkflowRuns(store, clock);
        this.steps = new WorkflowSteps(tickets, store, runs, settings,
                (tenant, ticketId, attachmentId, blobKey) -> reemitted.add(tenant + "/" + ticketId + "/" + attachmentId));
        this.functions = Map.of(
                WorkflowDefinition.START, steps::start,
                WorkflowDefinition.FIND_DUE, steps::findDue,
                WorkflowDefinition.ESCALATE, steps::escalate,
                WorkflowDefinition.AUTO_CLOSE, steps::autoClose,
                WorkflowDefinition.RETRY_OCR, steps::retryOcr,
                WorkflowDefinition.BATCH_FAILED, steps::batchFailed,
                WorkflowDefinition.RECORD, steps::record);
    }

    public WorkflowFixture() {
        this(new InMemoryTicketStore(), new InMemoryWorkflowStore(), settings(2, 3));
    }

    public static WorkflowSettings settings(int batchSize, int batchesPerRound) {
        return new WorkflowSettings(Map.of(Priority.LOW, Duration.ofDays(3), Priority.NORMAL, Duration.ofDays(1),
                Priority.HIGH, Duration.ofHours(4)), Duration.ofDays(7), Duration.ofMinutes(30), 2, batchSize,
                batchesPerRound);
    }

    public WorkflowInterpreter interpreter() {
        return interpreter((step, input) -> functions.get(step).apply(input));
    }

    public WorkflowInterpreter interpreter(WorkflowInterpreter.StepInvoker invoker) {
        return new WorkflowInterpreter(WorkflowDefinition.STANDARD, invoker, duration -> { });
    }

    /** Runs a manual run evaluated at the clock's time, to the end; returns the record step's output. */
    public JsonNode runNow() {
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        return interpreter().run(manualStart(run));
    }

    public static JsonNode manualStart(WorkflowRuns.RunRef run) {
        return Json.object().put("trigger", "MANUAL").put("runId", run.runId()).put("asOf", run.asOf().toString());
    }

    public static JsonNode scheduledStart(Instant slot) {
        return Json.object().put("trigger", "SCHEDULE").put("scheduledAt", slot.toString());
    }

    public Ticket ticket(String tenant, TicketStatus status, Priority priority, Instant updatedAt) {
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "subject", "description", priority,
                status, null, updatedAt.minus(Duration.ofDays(30)), updatedAt, 1);
        tickets.create(ticket);
        return ticket;
    }

    public Attachment attachment(Ticket ticket, OcrStatus status, Instant uploadedAt) {
        String id = UUID.randomUUID().toString();
        Attachment attachment = new Attachment(id, ticket.tenant(), ticket.id(), "scan.png", "image/png", 10,
                "uploads/" + ticket.tenant() + "/" + ticket.id() + "/" + id, uploadedAt.minusSeconds(5), uploadedAt,
                status, null, 2);
        tickets.addAttachment(attachment);
        return attachment;
    }

    public Ticket reload(Ticket ticket) {
        return tickets.find(ticket.tenant(), ticket.id()).orElseThrow();
    }

    public Attachment reload(Attachment attachment) {
        return tickets.findAttachment(attachment.tenant(), attachment.ticketId(), attachment.id()).orElseThrow();
    }

    /** A clock the test moves. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            now = instant;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
