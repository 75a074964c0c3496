package dev.supportdesk.workflow;

import static dev.supportdesk.workflow.WorkflowFixture.NOW;

import dev.supportdesk.testing.EventFuzz;
import dev.supportdesk.testing.EventMutation;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the workflow's step inputs (what Step Functions, the Durable orchestrator and the local
 * runner hand each step, and the schedule's start input): valid payloads of every step, mutated.
 * Each ends in a result or an {@link InvalidStepInputException}, which the state machine does not
 * retry; never another exception.
 */
class StepInputFuzzTest {

    private static final String RUN = "20260601T120000Z-manual-abc";
    private static final String RUN_AND_AS_OF = "\"runId\":\"" + RUN + "\",\"asOf\":\"2026-06-01T12:00:00Z\"";

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void everyMutatedStepInputEndsInAResultOrAClearRejection(@ForAll("steps") String step,
            @ForAll("mutations") List<EventMutation> mutations) {
        WorkflowFixture fx = new WorkflowFixture();
        fx.runs.create(new WorkflowRuns.RunRef(RUN, NOW, "MANUAL"));
        Ticket due = fx.ticket("acme", TicketStatus.OPEN, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        Ticket resolved = fx.ticket("acme", TicketStatus.RESOLVED, Priority.NORMAL, NOW.minus(Duration.ofDays(9)));
        Attachment stuck = fx.attachment(due, OcrStatus.PENDING, NOW.minus(Duration.ofHours(2)));
        byte[] input = EventFuzz.mutate(validInput(step, due, resolved, stuck), mutations);
        WorkflowStepFunction function = new WorkflowStepFunction(step, fx.functions.get(step));

        EventFuzz.assertResultOrClearRejection(input, InvalidStepInputException.class,
                () -> function.apply(new String(input, StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> steps() {
        return Arbitraries.of(WorkflowDefinition.STANDARD.steps());
    }

    @Provide
    Arbitrary<List<EventMutation>> mutations() {
        return EventFuzz.mutations();
    }

    private static String validInput(String step, Ticket due, Ticket resolved, Attachment stuck) {
        String item = "{\"tenant\":\"acme\",\"ticketId\":\"" + due.id() + "\"}";
        return switch (step) {
            case WorkflowDefinition.START -> "{\"trigger\":\"SCHEDULE\",\"scheduledAt\":\"2026-06-01T12:15:00Z\"}";
            case WorkflowDefinition.FIND_DUE -> "{" + RUN_AND_AS_OF + ",\"rule\":\"ESCALATE\",\"round\":0,\"cursor\":null}";
            case WorkflowDefinition.ESCALATE -> "{" + RUN_AND_AS_OF + ",\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":[" + item + "]}";
            case WorkflowDefinition.AUTO_CLOSE -> "{" + RUN_AND_AS_OF + ",\"rule\":\"AUTO_CLOSE\",\"batch\":\"b\",\"items\":["
                    + "{\"tenant\":\"acme\",\"ticketId\":\"" + resolved.id() + "\"}]}";
            case WorkflowDefinition.RETRY_OCR -> "{" + RUN_AND_AS_OF + ",\"rule\":\"RETRY_OCR\",\"batch\":\"b\",\"items\":["
                    + "{\"tenant\":\"acme\",\"ticketId\":\"" + due.id() + "\",\"attachmentId\":\"" + stuck.id() + "\"}]}";
            case WorkflowDefinition.BATCH_FAILED -> "{" + RUN_AND_AS_OF + ",\"rule\":\"ESCALATE\",\"batch\":\"b\",\"items\":["
                    + item + "],\"error\":{\"Error\":\"States.Timeout\",\"Cause\":\"slow\"}}";
            case WorkflowDefinition.RECORD -> "{" + RUN_AND_AS_OF + ",\"error\":null}";
            default -> throw new IllegalArgumentException("no valid input written for step " + step);
        };
    }
}
