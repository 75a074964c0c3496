package dev.supportdesk.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which of the workflow's sweeps an item is due to be visited by ({@code bucket}), and the time the
 * sweep measures it from ({@code at}). The core decides; stores index exactly the key they are handed
 * and nothing without one, so every store agrees on what a sweep visits.
 *
 * <p>Bucket names are stable: DynamoDB keeps them in its GSI4 partition key, so changing one moves
 * stored items out of their sweep until they are written again.
 */
public record SweepKey(String bucket, Instant at) {

    /**
     * The OCR states the workflow watches for stuck extractions, in a fixed order (a workflow cursor
     * names a sweep by its index). NOT_STARTED waits for an upload; DONE and FAILED are final.
     */
    public static final List<OcrStatus> WATCHED_OCR = List.of(OcrStatus.PENDING, OcrStatus.PROCESSING);

    /** A ticket waits in its status and priority from its last update, until it is CLOSED. */
    public static Optional<SweepKey> of(Ticket ticket) {
        if (ticket.status() == TicketStatus.CLOSED) {
            return Optional.empty();
        }
        return Optional.of(new SweepKey(inactive(ticket.status(), ticket.priority()), ticket.updatedAt()));
    }

    /** An uploaded attachment waits from its upload while its text extraction is in a watched state. */
    public static Optional<SweepKey> of(Attachment attachment) {
        if (!attachment.uploaded() || !WATCHED_OCR.contains(attachment.ocrStatus())) {
            return Optional.empty();
        }
        return Optional.of(new SweepKey(ocr(attachment.ocrStatus()), attachment.uploadedAt()));
    }

    /** The bucket of tickets in {@code status} with {@code priority} (empty for CLOSED). */
    public static String inactive(TicketStatus status, Priority priority) {
        return "T#" + status.name() + "#" + priority.name();
    }

    /** The bucket of uploaded attachments whose extraction is at {@code status} (empty unless watched). */
    public static String ocr(OcrStatus status) {
        return "A#" + status.name();
    }
}
