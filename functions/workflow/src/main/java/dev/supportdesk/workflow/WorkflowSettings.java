package dev.supportdesk.workflow;

import dev.supportdesk.tickets.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The numbers of the rules.
 *
 * @param sla per priority: how long an OPEN or IN_PROGRESS ticket may go without activity before it
 *            is escalated (URGENT tickets cannot go higher and are not escalated)
 * @param autoCloseAfter how long a RESOLVED ticket may go without activity before it is closed
 * @param ocrTimeout how long an uploaded attachment may stay PENDING/PROCESSING before its OCR work is re-emitted
 * @param ocrMaxAttempts how many times OCR work is re-emitted before the attachment is marked FAILED
 * @param batchSize items per batch
 * @param batchesPerRound batches one find step returns (bounds the payloads between steps)
 */
public record WorkflowSettings(Map<Priority, Duration> sla, Duration autoCloseAfter, Duration ocrTimeout,
                               int ocrMaxAttempts, int batchSize, int batchesPerRound) {

    public WorkflowSettings {
        sla = Map.copyOf(new EnumMap<>(sla));
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("batch size must be between 1 and 500");
        }
        if (batchesPerRound < 1 || batchesPerRound > 100) {
            throw new IllegalArgumentException("batches per round must be between 1 and 100");
        }
        if (ocrMaxAttempts < 0) {
            throw new IllegalArgumentException("ocr max attempts must not be negative");
        }
    }

    public static WorkflowSettings defaults() {
        return new WorkflowSettings(Map.of(Priority.LOW, Duration.ofDays(3), Priority.NORMAL, Duration.ofDays(1),
                Priority.HIGH, Duration.ofHours(4)), Duration.ofDays(7), Duration.ofMinutes(30), 3, 50, 10);
    }

    /** The SLA of a priority, if it has one (URGENT has none: it cannot be escalated). */
    public java.util.Optional<Duration> slaOf(Priority priority) {
        return java.util.Optional.ofNullable(sla.get(priority));
    }
}
