package dev.supportdesk.workflow;

import dev.supportdesk.tickets.Priority;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The numbers of the workflow's rules ({@code supportdesk.workflow.*}, {@code SUPPORTDESK_WORKFLOW_*}
 * on the clouds).
 *
 * @param sla how long an OPEN or IN_PROGRESS ticket of each priority may go without activity
 *            (a change or a response) before it is escalated one priority up
 * @param autoCloseAfter how long a RESOLVED ticket may go without activity before it is closed
 * @param ocrTimeout how long an upload may stay in OCR PENDING/PROCESSING before its OCR work is re-emitted
 * @param ocrMaxAttempts re-emissions before the attachment's OCR is marked FAILED
 * @param batchSize items per batch of a workflow step
 * @param batchesPerRound batches one find step hands to the fan-out
 */
@ConfigurationProperties("supportdesk.workflow")
public record WorkflowProperties(
        @DefaultValue Sla sla,
        @DefaultValue("7d") Duration autoCloseAfter,
        @DefaultValue("30m") Duration ocrTimeout,
        @DefaultValue("3") int ocrMaxAttempts,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10") int batchesPerRound) {

    public record Sla(
            @DefaultValue("3d") Duration low,
            @DefaultValue("1d") Duration normal,
            @DefaultValue("4h") Duration high) {
    }

    public WorkflowSettings settings() {
        return new WorkflowSettings(Map.of(Priority.LOW, sla.low(), Priority.NORMAL, sla.normal(),
                Priority.HIGH, sla.high()), autoCloseAfter, ocrTimeout, ocrMaxAttempts, batchSize, batchesPerRound);
    }
}
