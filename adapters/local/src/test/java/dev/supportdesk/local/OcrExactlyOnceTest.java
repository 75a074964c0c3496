package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.local.blobs.FolderBlobStore;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.ocr.OcrDocument;
import dev.supportdesk.ocr.OcrProperties;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ocr.OcrService.Outcome;
import dev.supportdesk.ocr.OcrTesting;
import dev.supportdesk.ocr.TestDocuments;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.testing.SettableClock;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.AttachmentUploads;
import dev.supportdesk.tickets.OcrResultBlob;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one effect per uploaded content, with the real store (H2), blob folder and engine:
 * duplicates, concurrent deliveries, events out of order, a worker overtaken by newer content and
 * transient failures. Crashes after the claim and poison documents: {@link JdbcOcrLeaseTest}, on every store.
 */
class OcrExactlyOnceTest {

    private static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcTicketStore store;
    private FolderBlobStore blobs;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final AtomicInteger engineRuns = new AtomicInteger();
    private Function<byte[], OcrDocument> reader;
    private OcrService service;
    private AttachmentUploads uploads;
    private final String tenant = "acme";

    @BeforeEach
    void wire() {
        dataSource = H2TestDatabase.open(folder);
        store = new JdbcTicketStore(dataSource);
        store.createSchema();
        blobs = new FolderBlobStore(folder.resolve("blobs"), new byte[32], () -> "http://127.0.0.1:1", clock);
        reader = OcrTesting.pipeline()::extract;
        service = new OcrService(store, blobs, document -> {
            engineRuns.incrementAndGet();
            return reader.apply(document);
        }, OcrProperties.of(Map.of("lease", LEASE.toMillis() + "ms", "max-attempts", "3", "preview-chars", "1000")), clock);
        uploads = new AttachmentUploads(store, blobs, clock);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void theSameEventTenTimesInARowHasOneEffect() {
        byte[] content = TestDocuments.png("Printer on fire");
        Attachment attachment = declare(content.length);
        BlobCreated event = upload(attachment, content);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(service.onBlobCreated(event));
        }
        assertThat(outcomes.get(0)).isEqualTo(Outcome.DONE);
        assertThat(outcomes.subList(1, 10)).containsOnly(Outcome.DUPLICATE);
        assertThat(engineRuns).hasValue(1);
        Attachment done = reload(attachment);
        assertThat(done.ocrStatus()).isEqualTo(OcrStatus.DONE);
        assertThat(done.ocrText()).contains("Printer on fire");
        assertThat(done.version()).isEqualTo(attachment.version() + 3);
        assertOneResult(attachment);
    }

    @Test
    void tenConcurrentDeliveriesRunTheEngineOnceAndWriteOnce() throws Exception {
        byte[] content = TestDocuments.png("Concurrent delivery");
        Attachment attachment = declare(content.length);
        BlobCreated event = upload(attachment, content);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(threads.submit(() -> {
                start.await();
                return service.onBlobCreated(event);
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(2, TimeUnit.MINUTES));
        }
        threads.shutdown();
        assertThat(outcomes).filteredOn(o -> o == Outcome.DONE).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o != Outcome.DONE)
                .isSubsetOf(Outcome.IN_PROGRESS_ELSEWHERE, Outcome.LOST_CLAIM, Outcome.DUPLICATE);
        assertThat(engineRuns).hasValue(1);
        assertThat(reload(attachment).ocrText()).contains("Concurrent delivery");
        assertOneResult(attachment);
    }

    @Test
    void anOlderEventAfterANewerOneOverwritesNothing() {
        byte[] content = TestDocuments.png("Version one");
        Attachment attachment = declare(content.length);
        BlobCreated first = upload(attachment, content);
        assertThat(service.onBlobCreated(first)).isEqualTo(Outcome.DONE);
        BlobCreated second = overwrite(attachment, TestDocuments.png("Version two"));
        assertThat(service.onBlobCreated(second)).isEqualTo(Outcome.DONE);
        assertThat(service.onBlobCreated(first)).isEqualTo(Outcome.STALE);
        assertThat(service.onBlobCreated(second)).isEqualTo(Outcome.DUPLICATE);
        Attachment latest = reload(attachment);
        assertThat(latest.ocrText()).contains("Version two").doesNotContain("Version one");
        assertThat(latest.ocr().blobVersion()).isEqualTo(second.etag());
        assertThat(engineRuns).hasValue(2);
    }

    @Test
    void anEventForOverwrittenContentThatArrivesFirstIsDropped() {
        byte[] content = TestDocuments.png("Version one");
        Attachment attachment = declare(content.length);
        BlobCreated first = upload(attachment, content);
        BlobCreated second = overwrite(attachment, TestDocuments.png("Version two"));
        assertThat(service.onBlobCreated(first)).isEqualTo(Outcome.STALE);
        assertThat(service.onBlobCreated(second)).isEqualTo(Outcome.DONE);
        assertThat(reload(attachment).ocrText()).contains("Version two");
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void aWorkerOvertakenByNewerContentRecordsNothing() throws Exception {
        byte[] content = TestDocuments.png("Version one");
        Attachment attachment = declare(content.length);
        BlobCreated first = upload(attachment, content);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch overtaken = new CountDownLatch(1);
        Function<byte[], OcrDocument> real = reader;
        reader = document -> {
            if (engineRuns.get() == 1) {
                reading.countDown();
                await(overtaken);
            }
            return real.apply(document);
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Outcome> slow = thread.submit(() -> service.onBlobCreated(first));
        await(reading);
        BlobCreated second = overwrite(attachment, TestDocuments.png("Version two"));
        assertThat(service.onBlobCreated(second)).isEqualTo(Outcome.DONE);
        overtaken.countDown();
        assertThat(slow.get(2, TimeUnit.MINUTES)).isEqualTo(Outcome.LOST_CLAIM);
        thread.shutdown();
        assertThat(reload(attachment).ocrText()).contains("Version two").doesNotContain("Version one");
    }

    @Test
    void aTransientFailureGivesTheClaimBackForAnImmediateRetry() {
        byte[] content = TestDocuments.png("Retry at once");
        Attachment attachment = declare(content.length);
        BlobCreated event = upload(attachment, content);
        Function<byte[], OcrDocument> real = reader;
        reader = document -> {
            if (engineRuns.get() == 1) {
                throw new IllegalStateException("storage hiccup");
            }
            return real.apply(document);
        };
        assertThatThrownBy(() -> service.onBlobCreated(event)).hasMessage("storage hiccup");
        assertThat(reload(attachment).ocrStatus()).isEqualTo(OcrStatus.PENDING);
        assertThat(service.onBlobCreated(event)).isEqualTo(Outcome.DONE);
        assertThat(reload(attachment).ocr().attempts()).isEqualTo(2);
    }

    @Test
    void anUnreadableDocumentFailsOnceWithItsReason() {
        byte[] content = TestDocuments.pngClaiming(100_000, 100_000);
        Attachment attachment = declare(content.length);
        BlobCreated event = upload(attachment, content);
        assertThat(service.onBlobCreated(event)).isEqualTo(Outcome.FAILED);
        assertThat(service.onBlobCreated(event)).isEqualTo(Outcome.DUPLICATE);
        Attachment failed = reload(attachment);
        assertThat(failed.ocr().reason()).contains("100000 x 100000");
        assertThat(failed.ocr().attempts()).isEqualTo(1);
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void theWorkCanBeRunByIdWithoutAnEvent() {
        byte[] content = TestDocuments.png("Swept up later");
        Attachment attachment = declare(content.length);
        upload(attachment, content);
        assertThat(reload(attachment).ocrStatus()).isEqualTo(OcrStatus.PENDING);
        assertThat(service.process(tenant, attachment.ticketId(), attachment.id())).isEqualTo(Outcome.DONE);
        assertThat(service.process(tenant, attachment.ticketId(), attachment.id())).isEqualTo(Outcome.DUPLICATE);
        assertThat(reload(attachment).ocrText()).contains("Swept up later");
    }

    /** @param size the declared size: exactly what the upload must have, or it is quarantined */
    private Attachment declare(int size) {
        Instant now = clock.instant();
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "scan", "see attached",
                Priority.NORMAL, TicketStatus.OPEN, null, now, now, 1);
        store.create(ticket);
        String id = UUID.randomUUID().toString();
        Attachment attachment = new Attachment(id, tenant, ticket.id(), "scan.png", "image/png", size,
                AttachmentKeys.key(tenant, ticket.id(), id), now, null, OcrStatus.NOT_STARTED, null, 1);
        store.addAttachment(attachment);
        return attachment;
    }

    private BlobCreated upload(Attachment attachment, byte[] content) {
        BlobCreated event = overwrite(attachment, content);
        assertThat(uploads.record(event)).isEqualTo(AttachmentUploads.Outcome.ATTACHED);
        return event;
    }

    private BlobCreated overwrite(Attachment attachment, byte[] content) {
        blobs.put(attachment.blobKey(), new ByteArrayInputStream(content), content.length, "image/png");
        BlobMetadata stored = blobs.metadata(attachment.blobKey()).orElseThrow();
        return new BlobCreated(attachment.blobKey(), stored.size(), stored.etag());
    }

    private Attachment reload(Attachment attachment) {
        return store.findAttachment(tenant, attachment.ticketId(), attachment.id()).orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(2, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One result of one content version: its text, its words (hOCR) and its searchable PDF, once each. */
    private void assertOneResult(Attachment attachment) {
        assertThat(blobs.list(OcrResultBlob.PREFIX + tenant + "/" + attachment.ticketId()))
                .extracting(key -> key.substring(key.lastIndexOf('.')))
                .containsExactlyInAnyOrder(".json", ".hocr", ".pdf");
    }
}
