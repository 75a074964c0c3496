package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The core alone decides which sweep an item is due to be visited by; stores only index the key. */
class SweepKeyTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T00:00:00Z");

    @Test
    void aTicketWaitsInItsStatusAndPriorityFromItsLastUpdateUntilItIsClosed() {
        for (TicketStatus status : TicketStatus.values()) {
            Ticket ticket = new Ticket("t", "acme", "alice", "s", "d", Priority.HIGH, status, null, CREATED, UPDATED, 3);
            if (status == TicketStatus.CLOSED) {
                assertThat(SweepKey.of(ticket)).isEmpty();
            } else {
                assertThat(SweepKey.of(ticket)).contains(new SweepKey("T#" + status + "#HIGH", UPDATED));
            }
        }
    }

    @Test
    void anUploadedAttachmentWaitsFromItsUploadOnlyWhileItsExtractionIsPendingOrProcessing() {
        for (OcrStatus status : OcrStatus.values()) {
            Attachment uploaded = attachment(status, UPDATED);
            boolean watched = status == OcrStatus.PENDING || status == OcrStatus.PROCESSING;
            if (watched) {
                assertThat(SweepKey.of(uploaded)).contains(new SweepKey("A#" + status, UPDATED));
            } else {
                assertThat(SweepKey.of(uploaded)).as("%s", status).isEmpty();
            }
            assertThat(SweepKey.of(attachment(status, null))).as("%s, not uploaded", status).isEmpty();
        }
        assertThat(SweepKey.WATCHED_OCR).containsExactly(OcrStatus.PENDING, OcrStatus.PROCESSING);
    }

    private static Attachment attachment(OcrStatus status, Instant uploadedAt) {
        return new Attachment("a", "acme", "t", "a.png", "image/png", 1, "k", CREATED, uploadedAt, status, null, 2);
    }
}
