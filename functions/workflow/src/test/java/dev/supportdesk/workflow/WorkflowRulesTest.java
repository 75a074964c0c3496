package dev.supportdesk.workflow;

import static dev.supportdesk.workflow.WorkflowFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules against a controllable clock: exactly at, just before and just after every threshold. */
class WorkflowRulesTest {

    private static final Duration MS = Duration.ofMillis(1);
    private final WorkflowFixture fx = new WorkflowFixture();

    @ParameterizedTest
    @EnumSource(value = Priority.class, names = {"LOW", "NORMAL", "HIGH"})
    void escalatesOpenAndInProgressTicketsAtAndBeyondTheirSlaNotBefore(Priority priority) {
        Duration sla = fx.settings.slaOf(priority).orElseThrow();
        List<Ticket> due = new ArrayList<>();
        List<Ticket> notDue = new ArrayList<>();
        for (String tenant : List.of("acme", "globex")) {
            for (TicketStatus status : List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS)) {
                due.add(fx.ticket(tenant, status, priority, NOW.minus(sla)));                  // exactly at
                due.add(fx.ticket(tenant, status, priority, NOW.minus(sla).minus(MS)));        // just after
                notDue.add(fx.ticket(tenant, status, priority, NOW.minus(sla).plus(MS)));      // just before
            }
            notDue.add(fx.ticket(tenant, TicketStatus.RESOLVED, priority, NOW.minus(sla).minusSeconds(60)));
            notDue.add(fx.ticket(tenant, TicketStatus.CLOSED, priority, NOW.minus(Duration.ofDays(365))));
        }

        JsonNode run = fx.runNow();

        for (Ticket ticket : due) {
            Ticket after = fx.reload(ticket);
            assertThat(after.priority()).as("escalated one level").isEqualTo(Priority.values()[priority.ordinal() + 1]);
            assertThat(after.status()).isEqualTo(ticket.status());
            assertThat(after.updatedAt()).isEqualTo(NOW);
            assertThat(after.version()).isEqualTo(2);
            Response note = fx.tickets.findResponse(ticket.tenant(), ticket.id(), RuleEffects.responseId(Rule.ESCALATE, ticket.id(), 1)).orElseThrow();
            assertThat(note.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(note.body()).contains(priority.name()).contains("SLA").contains(sla.toString());
        }
        notDue.forEach(ticket -> assertThat(fx.reload(ticket)).isEqualTo(ticket));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("steps").path("ESCALATE").path("applied").asInt()).isEqualTo(due.size());
        assertThat(run.path("steps").path("ESCALATE").path("failed").asInt()).isZero();
    }

    @Test
    void urgentTicketsAreNeverEscalated() {
        Ticket urgent = fx.ticket("acme", TicketStatus.OPEN, Priority.URGENT, NOW.minus(Duration.ofDays(100)));
        fx.runNow();
        assertThat(fx.reload(urgent)).isEqualTo(urgent);
    }

    @Test
    void anEscalatedTicketIsEscalatedAgainOnlyAfterTheSlaOfItsNewPriority() {
        Ticket ticket = fx.ticket("acme", TicketStatus.OPEN, Priority.NORMAL, NOW.minus(Duration.ofDays(2)));
        fx.runNow();
        assertThat(fx.reload(ticket).priority()).isEqualTo(Priority.HIGH);
        fx.clock.advance(Duration.ofHours(4).minus(MS));
        fx.runNow();
        assertThat(fx.reload(ticket).priority()).isEqualTo(Priority.HIGH);
        fx.clock.advance(MS);
        fx.runNow();
        assertThat(fx.reload(ticket).priority()).isEqualTo(Priority.URGENT);
    }

    @ParameterizedTest
    @EnumSource(Priority.class)
    void closesResolvedTicketsInactiveForTheAutoClosePeriodTellingTheRequester(Priority priority) {
        Duration period = fx.settings.autoCloseAfter();
        List<Ticket> due = new ArrayList<>();
        List<Ticket> notDue = new ArrayList<>();
        for (String tenant : List.of("acme", "globex", "initech")) {
            due.add(fx.ticket(tenant, TicketStatus.RESOLVED, priority, NOW.minus(period)));
            due.add(fx.ticket(tenant, TicketStatus.RESOLVED, priority, NOW.minus(period).minus(MS)));
            notDue.add(fx.ticket(tenant, TicketStatus.RESOLVED, priority, NOW.minus(period).plus(MS)));
        }
        JsonNode run = fx.runNow();
        for (Ticket ticket : due) {
            Ticket after = fx.reload(ticket);
            assertThat(after.status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(after.priority()).isEqualTo(priority);
            Response note = fx.tickets.findResponse(ticket.tenant(), ticket.id(), RuleEffects.responseId(Rule.AUTO_CLOSE, ticket.id(), 1)).orElseThrow();
            assertThat(note.visibility()).as("the requester sees it").isEqualTo(Visibility.PUBLIC);
            assertThat(note.body()).contains("closed");
        }
        notDue.forEach(ticket -> assertThat(fx.reload(ticket)).isEqualTo(ticket));
        assertThat(run.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isEqualTo(due.size());
    }

    @Test
    void retriesStuckOcrWorkThenMarksItFailedAfterTheMaximumAttempts() {
        Ticket ticket = fx.ticket("acme", TicketStatus.OPEN, Priority.URGENT, NOW);
        Duration timeout = fx.settings.ocrTimeout();
        Attachment atThreshold = fx.attachment(ticket, OcrStatus.PENDING, NOW.minus(timeout));
        Attachment beyond = fx.attachment(ticket, OcrStatus.PROCESSING, NOW.minus(timeout).minus(MS));
        Attachment recent = fx.attachment(ticket, OcrStatus.PENDING, NOW.minus(timeout).plus(MS));
        Attachment done = fx.attachment(ticket, OcrStatus.DONE, NOW.minus(Duration.ofDays(1)));

        fx.runNow();
        assertThat(fx.reemitted).containsExactlyInAnyOrder(ref(atThreshold), ref(beyond));
        fx.runNow();
        assertThat(fx.reemitted).as("not again before the timeout passed since the last re-emission").hasSize(2);

        fx.clock.advance(timeout);
        fx.runNow();
        assertThat(fx.reemitted).hasSize(5).contains(ref(recent));
        fx.clock.advance(timeout);
        JsonNode run = fx.runNow();                     // the first two are out of attempts (max 2)
        assertThat(fx.reload(atThreshold).ocrStatus()).isEqualTo(OcrStatus.FAILED);
        assertThat(fx.reload(beyond).ocrStatus()).isEqualTo(OcrStatus.FAILED);
        assertThat(fx.reload(recent).ocrStatus()).isEqualTo(OcrStatus.PENDING);
        assertThat(fx.reload(done)).isEqualTo(done);
        assertThat(fx.reemitted).hasSize(6);
        assertThat(run.path("steps").path("RETRY_OCR").path("applied").asInt()).isEqualTo(3);
        fx.clock.advance(timeout);
        fx.runNow();
        assertThat(fx.reload(recent).ocrStatus()).isEqualTo(OcrStatus.FAILED);
        assertThat(fx.reemitted).hasSize(6);
    }

    @Test
    void anEmptyStoreGivesAnEmptySuccessfulRun() {
        JsonNode run = fx.runNow();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        for (Rule rule : Rule.values()) {
            assertThat(run.path("steps").path(rule.name()).path("applied").asInt()).isZero();
            assertThat(run.path("steps").path(rule.name()).path("batches").asInt()).isZero();
        }
        assertThat(fx.runs.latest(10)).hasSize(1);
    }

    @Test
    void thousandsOfTicketsAcrossManyBatchesAndRoundsAreEachHandledOnce() {
        WorkflowFixture big = new WorkflowFixture(new InMemoryTicketStore(), new InMemoryWorkflowStore(),
                WorkflowFixture.settings(25, 4));
        List<Ticket> escalate = new ArrayList<>();
        List<Ticket> close = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String tenant = "tenant-" + (i % 7);
            Priority priority = Priority.values()[i % 3];
            escalate.add(big.ticket(tenant, i % 2 == 0 ? TicketStatus.OPEN : TicketStatus.IN_PROGRESS, priority,
                    NOW.minus(Duration.ofDays(10)).plusSeconds(i)));
            close.add(big.ticket(tenant, TicketStatus.RESOLVED, Priority.values()[i % 4],
                    NOW.minus(Duration.ofDays(8)).plusSeconds(i % 10)));
        }
        JsonNode run = big.runNow();
        assertThat(run.path("steps").path("ESCALATE").path("applied").asInt()).isEqualTo(1500);
        assertThat(run.path("steps").path("ESCALATE").path("batches").asInt()).isEqualTo(60);
        assertThat(run.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isEqualTo(1500);
        escalate.forEach(t -> assertThat(big.reload(t).priority().ordinal()).isEqualTo(t.priority().ordinal() + 1));
        close.forEach(t -> assertThat(big.reload(t).status()).isEqualTo(TicketStatus.CLOSED));
        long notes = ((InMemoryTicketStore) big.tickets).allResponses().stream()
                .filter(r -> r.author().startsWith("workflow:")).count();
        assertThat(notes).isEqualTo(3000);
    }

    @Test
    void aResponseCountsAsActivity() {
        // the API's TicketService moves updatedAt on every response; the sweep needs only the ticket
        Ticket ticket = fx.ticket("acme", TicketStatus.RESOLVED, Priority.LOW, NOW.minus(Duration.ofDays(8)));
        Ticket touched = ticket.changed(ticket.status(), ticket.priority(), null, NOW.minus(Duration.ofDays(1)));
        fx.tickets.update(touched, 1);
        fx.runNow();
        assertThat(fx.reload(ticket).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(Optional.of(fx.reload(ticket).updatedAt())).contains(NOW.minus(Duration.ofDays(1)));
    }

    private static String ref(Attachment a) {
        return a.tenant() + "/" + a.ticketId() + "/" + a.id();
    }

    static Instant now() {
        return NOW;
    }
}
