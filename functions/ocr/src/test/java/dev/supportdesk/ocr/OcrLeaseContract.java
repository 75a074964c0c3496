package dev.supportdesk.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.ocr.OcrService.Outcome;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.testing.SettableClock;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.AttachmentUploads;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OCR work resumes through its lease and attempts on a runtime's real ticket and blob stores: a
 * worker that dies after its claim (the claim written, nothing released, as a killed function
 * leaves it) holds the attachment PROCESSING until the lease ends; then a redelivery claims it again
 * with the attempt counted up; a document that kills every worker ends FAILED, with its reason, after
 * {@code max-attempts} claims instead of being tried forever.
 */
public abstract class OcrLeaseContract {

    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int MAX_ATTEMPTS = 3;

    protected abstract TicketStore store();

    protected abstract BlobStore blobs();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final AtomicInteger engineRuns = new AtomicInteger();
    private final AtomicInteger crashesLeft = new AtomicInteger();
    private final String tenant = "lease" + UUID.randomUUID().toString().substring(0, 8);
    private OcrService service;

    /** Built on first use, after the subclass has opened its stores. */
    private OcrService service() {
        if (service == null) {
            OcrProperties settings = OcrProperties.of(Map.of("lease", LEASE.toMillis() + "ms",
                    "max-attempts", Integer.toString(MAX_ATTEMPTS), "preview-chars", "1000"));
            service = new OcrService(store(), blobs(), this::read, settings, clock);
        }
        return service;
    }

    /** The real engine, unless the test has it kill the worker first. */
    private OcrDocument read(byte[] document) {
        engineRuns.incrementAndGet();
        if (crashesLeft.getAndDecrement() > 0) {
            throw new WorkerDied();
        }
        return OcrTesting.pipeline().extract(document);
    }

    @Test
    void aClaimWhoseWorkerDiedIsTakenOverOnceItsLeaseEndsWithTheAttemptCounted() {
        BlobCreated event = uploaded("Survives a crash");
        crashesLeft.set(1);
        assertThatThrownBy(() -> service().onBlobCreated(event)).isInstanceOf(WorkerDied.class);
        Attachment stuck = reload(event);
        assertThat(stuck.ocrStatus()).isEqualTo(OcrStatus.PROCESSING);
        assertThat(stuck.ocr().attempts()).isEqualTo(1);
        assertThat(stuck.ocr().leaseUntil()).isEqualTo(clock.instant().plus(LEASE));

        clock.advance(LEASE.minusSeconds(1));
        assertThat(service().onBlobCreated(event)).as("the lease still holds").isEqualTo(Outcome.IN_PROGRESS_ELSEWHERE);
        clock.advance(Duration.ofSeconds(2));
        assertThat(service().onBlobCreated(event)).isEqualTo(Outcome.DONE);
        Attachment done = reload(event);
        assertThat(done.ocrStatus()).isEqualTo(OcrStatus.DONE);
        assertThat(done.ocrText()).contains("Survives a crash");
        assertThat(done.ocr().attempts()).isEqualTo(2);
        assertThat(done.ocr().leaseUntil()).isNull();
        assertThat(engineRuns).hasValue(2);
    }

    @Test
    void aDocumentThatKillsEveryWorkerEndsFailedWithItsReasonAfterTheMaxAttempts() {
        BlobCreated event = uploaded("Kills the worker");
        crashesLeft.set(Integer.MAX_VALUE);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            assertThatThrownBy(() -> service().onBlobCreated(event)).isInstanceOf(WorkerDied.class);
            assertThat(reload(event).ocr().attempts()).isEqualTo(attempt);
            clock.advance(LEASE.plusSeconds(1));
        }
        assertThat(service().onBlobCreated(event)).isEqualTo(Outcome.FAILED);
        Attachment failed = reload(event);
        assertThat(failed.ocrStatus()).isEqualTo(OcrStatus.FAILED);
        assertThat(failed.ocr().reason()).contains("gave up after " + MAX_ATTEMPTS + " attempts");
        assertThat(service().onBlobCreated(event)).as("and stays failed").isEqualTo(Outcome.DUPLICATE);
        assertThat(engineRuns).hasValue(MAX_ATTEMPTS);
    }

    /** A ticket with a declared PNG attachment, uploaded and accepted, as the blob-created handler leaves it. */
    private BlobCreated uploaded(String text) {
        byte[] content = TestDocuments.png(text);
        Instant now = clock.instant();
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "scan", "see attached",
                Priority.NORMAL, TicketStatus.OPEN, null, now, now, 1);
        store().create(ticket);
        String id = UUID.randomUUID().toString();
        Attachment attachment = new Attachment(id, tenant, ticket.id(), "scan.png", "image/png", content.length,
                AttachmentKeys.key(tenant, ticket.id(), id), now, null, OcrStatus.NOT_STARTED, null, 1);
        store().addAttachment(attachment);
        blobs().put(attachment.blobKey(), new ByteArrayInputStream(content), content.length, "image/png");
        BlobMetadata stored = blobs().metadata(attachment.blobKey()).orElseThrow();
        BlobCreated event = new BlobCreated(attachment.blobKey(), stored.size(), stored.etag());
        assertThat(new AttachmentUploads(store(), blobs(), clock).record(event)).isEqualTo(AttachmentUploads.Outcome.ATTACHED);
        return event;
    }

    private Attachment reload(BlobCreated event) {
        AttachmentKeys.AttachmentRef ref = AttachmentKeys.parse(event.key()).orElseThrow();
        return store().findAttachment(ref.tenant(), ref.ticketId(), ref.attachmentId()).orElseThrow();
    }

    /** What a worker killed mid-way looks like to the code after it: nothing runs on, nothing is released. */
    private static final class WorkerDied extends Error {
    }
}
