package dev.supportdesk.workflow;

import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import dev.supportdesk.workflow.WorkflowSteps.Outcome;
import dev.supportdesk.workflow.WorkflowSteps.Ref;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What each rule does to one due item, decided against the stored item and the run's fixed
 * evaluation time. Every effect is a conditional write or keyed by a name-based id, so applying a
 * rule twice (a re-run batch, an overlapping run) has the effect of applying it once.
 */
final class RuleEffects {

    static final String AUTHOR = "workflow";
    static final String OCR_KIND = "ocr-retry";

    private final TicketStore tickets;
    private final WorkflowStore store;
    private final WorkflowSettings settings;
    private final OcrReemitter reemitter;

    RuleEffects(TicketStore tickets, WorkflowStore store, WorkflowSettings settings, OcrReemitter reemitter) {
        this.tickets = tickets;
        this.store = store;
        this.settings = settings;
        this.reemitter = reemitter;
    }

    Outcome escalate(Ref ref, String runId, Instant asOf) {
        Optional<Ticket> found = tickets.find(ref.tenant(), ref.ticketId());
        if (found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Ticket ticket = found.get();
        boolean open = ticket.status() == TicketStatus.OPEN || ticket.status() == TicketStatus.IN_PROGRESS;
        Optional<Duration> sla = settings.slaOf(ticket.priority());
        if (!open || sla.isEmpty() || ticket.updatedAt().isAfter(asOf.minus(sla.get()))) {
            return appliedEarlierByThisRun(ticket, Rule.ESCALATE, runId) ? Outcome.APPLIED : Outcome.SKIPPED;
        }
        Priority higher = Priority.values()[ticket.priority().ordinal() + 1];
        String body = "Escalated from " + ticket.priority() + " to " + higher + ": no activity since "
                + ticket.updatedAt() + ", beyond the " + ticket.priority() + " SLA of " + sla.get()
                + " (workflow run " + runId + ").";
        writeOnce(new Response(responseId(Rule.ESCALATE, ticket), ticket.tenant(), ticket.id(), author(runId), body,
                Visibility.INTERNAL, asOf));
        tickets.update(ticket.changed(ticket.status(), higher, ticket.assignee(), asOf), ticket.version());
        return Outcome.APPLIED;
    }

    Outcome close(Ref ref, String runId, Instant asOf) {
        Optional<Ticket> found = tickets.find(ref.tenant(), ref.ticketId());
        if (found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Ticket ticket = found.get();
        if (ticket.status() != TicketStatus.RESOLVED
                || ticket.updatedAt().isAfter(asOf.minus(settings.autoCloseAfter()))) {
            return appliedEarlierByThisRun(ticket, Rule.AUTO_CLOSE, runId) ? Outcome.APPLIED : Outcome.SKIPPED;
        }
        String body = "This ticket was resolved on " + ticket.updatedAt() + " and has had no activity for "
                + settings.autoCloseAfter().toDays() + " days, so it is now closed. Please open a new ticket if you"
                + " still need help.";
        writeOnce(new Response(responseId(Rule.AUTO_CLOSE, ticket), ticket.tenant(), ticket.id(), author(runId), body,
                Visibility.PUBLIC, asOf));
        tickets.update(ticket.changed(TicketStatus.CLOSED, ticket.priority(), ticket.assignee(), asOf), ticket.version());
        return Outcome.APPLIED;
    }

    /** A ticket no longer due counts as applied when this very run made the change (a re-run batch). */
    private boolean appliedEarlierByThisRun(Ticket ticket, Rule rule, String runId) {
        if (ticket.version() < 2) {
            return false;
        }
        String earlierId = responseId(rule, ticket.id(), ticket.version() - 1);
        return tickets.findResponse(ticket.tenant(), ticket.id(), earlierId)
                .filter(response -> response.author().equals(author(runId)))
                .isPresent();
    }

    private void writeOnce(Response response) {
        if (tickets.findResponse(response.tenant(), response.ticketId(), response.id()).isPresent()) {
            return;
        }
        try {
            tickets.addResponse(response);
        } catch (RuntimeException e) {
            // a concurrent run may have written the same response first: that is the same effect
            if (tickets.findResponse(response.tenant(), response.ticketId(), response.id()).isEmpty()) {
                throw e;
            }
        }
    }

    private static String responseId(Rule rule, Ticket ticket) {
        return responseId(rule, ticket.id(), ticket.version());
    }

    /** The response of a rule applied to a ticket at a version: one per (rule, ticket, version), whoever writes it. */
    static String responseId(Rule rule, String ticketId, long version) {
        String name = "supportdesk-workflow/" + rule.name() + "/" + ticketId + "/v" + version;
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String author(String runId) {
        return AUTHOR + ":" + runId;
    }

    Outcome retryOcr(Ref ref, String runId, Instant asOf) {
        Optional<Attachment> found = tickets.findAttachment(ref.tenant(), ref.ticketId(), ref.attachmentId());
        String markerId = ref.tenant() + "/" + ref.ticketId() + "/" + ref.attachmentId();
        Optional<WorkflowStore.WorkflowDoc> marker = store.find(OCR_KIND, markerId);
        OcrRetry state = marker.map(doc -> OcrRetry.read(doc.json())).orElse(new OcrRetry(0, null, null));
        if (found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Attachment attachment = found.get();
        boolean stuckStatus = attachment.ocrStatus() == OcrStatus.PENDING || attachment.ocrStatus() == OcrStatus.PROCESSING;
        Instant since = state.lastEmittedAt() != null ? Instant.parse(state.lastEmittedAt()) : attachment.uploadedAt();
        if (!attachment.uploaded() || !stuckStatus || since.isAfter(asOf.minus(settings.ocrTimeout()))) {
            return runId.equals(state.lastRunId()) ? Outcome.APPLIED : Outcome.SKIPPED;
        }
        if (state.attempts() >= settings.ocrMaxAttempts()) {
            String reason = "text extraction did not finish after " + state.attempts()
                    + " re-emissions by the workflow (supportdesk.workflow.ocr-max-attempts)";
            Attachment failed = attachment.withOcr(OcrStatus.FAILED, attachment.ocrText(),
                    attachment.ocr().failed(asOf, reason));
            tickets.updateAttachment(failed, attachment.version());
            return Outcome.APPLIED;
        }
        OcrRetry next = new OcrRetry(state.attempts() + 1, asOf.toString(), runId);
        long version = marker.map(WorkflowStore.WorkflowDoc::version).orElse(0L);
        store.put(new WorkflowStore.WorkflowDoc(OCR_KIND, markerId, next.write(), version + 1), version);
        reemitter.reemit(attachment.tenant(), attachment.ticketId(), attachment.id(), attachment.blobKey());
        return Outcome.APPLIED;
    }

    /** What the workflow knows about an attachment's OCR retries. */
    record OcrRetry(int attempts, String lastEmittedAt, String lastRunId) {

        String write() {
            try {
                return Json.MAPPER.writeValueAsString(this);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static OcrRetry read(String json) {
            try {
                return Json.MAPPER.readValue(json, OcrRetry.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored OCR retry marker is not readable", e);
            }
        }
    }
}
