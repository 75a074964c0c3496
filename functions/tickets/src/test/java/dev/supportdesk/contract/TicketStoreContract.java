package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketStore} implementation must do (H2 locally, DynamoDB on AWS, Tables on
 * Azure): conditional writes that never overwrite silently, filtered keyset pagination, tenant isolation.
 */
public abstract class TicketStoreContract {

    protected abstract TicketStore store();

    private String tenant;
    private final Instant base = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void freshTenant() {
        tenant = "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Ticket ticket(String requester, int minute) {
        Instant at = base.plusSeconds(60L * minute);
        return new Ticket(UUID.randomUUID().toString(), tenant, requester, "subject " + minute, "description",
                Priority.NORMAL, TicketStatus.OPEN, null, at, at, 1);
    }

    @Test
    void storesAndFindsATicketExactly() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        assertThat(store().find(tenant, ticket.id())).contains(ticket);
        assertThat(store().find("other" + tenant, ticket.id())).isEmpty();
        assertThat(store().find(tenant, UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsRejectedAndChangesNothing() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        Ticket first = ticket.changed(TicketStatus.IN_PROGRESS, Priority.HIGH, "agent", base.plusSeconds(600));
        store().update(first, 1);
        Ticket competing = ticket.changed(TicketStatus.CLOSED, Priority.LOW, null, base.plusSeconds(601));
        assertThatThrownBy(() -> store().update(competing, 1)).isInstanceOf(StaleVersionException.class);
        assertThat(store().find(tenant, ticket.id())).contains(first);
    }

    @Test
    void listsNewestFirstInPagesWithFilters() {
        List<Ticket> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Ticket ticket = ticket(i % 3 == 0 ? "bob" : "alice", i);
            store().create(ticket);
            all.add(0, ticket);
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Ticket> page = store().list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), 4, cursor));
            page.items().forEach(t -> seen.add(t.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertThat(seen).containsExactlyElementsOf(all.stream().map(Ticket::id).toList());

        Page<Ticket> bobs = store().list(new TicketQuery(tenant, Optional.empty(), Optional.of("bob"), 10, Optional.empty()));
        assertThat(bobs.items()).hasSize(3).allMatch(t -> t.requester().equals("bob"));
        assertThat(bobs.nextCursor()).isEmpty();
        Page<Ticket> closed = store().list(new TicketQuery(tenant, Optional.of(TicketStatus.CLOSED), Optional.empty(), 10, Optional.empty()));
        assertThat(closed.items()).isEmpty();
    }

    @Test
    void aGarbageCursorIsReportedNotIgnored() {
        assertThatThrownBy(() -> store().list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), 5,
                Optional.of("garbage")))).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void responsesAreListedOldestFirstAndInternalOnesCanBeHidden() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        for (int i = 0; i < 3; i++) {
            store().addResponse(new Response(UUID.randomUUID().toString(), tenant, ticket.id(), "agent", "m" + i,
                    i == 1 ? Visibility.INTERNAL : Visibility.PUBLIC, base.plusSeconds(i)));
        }
        Page<Response> all = store().listResponses(tenant, ticket.id(), true, 10, Optional.empty());
        assertThat(all.items()).extracting(Response::body).containsExactly("m0", "m1", "m2");
        Page<Response> visible = store().listResponses(tenant, ticket.id(), false, 10, Optional.empty());
        assertThat(visible.items()).extracting(Response::body).containsExactly("m0", "m2");
        Page<Response> firstPage = store().listResponses(tenant, ticket.id(), true, 2, Optional.empty());
        Page<Response> secondPage = store().listResponses(tenant, ticket.id(), true, 2, firstPage.nextCursor());
        assertThat(secondPage.items()).extracting(Response::body).containsExactly("m2");
    }

    @Test
    void attachmentUpdatesAreConditionalToo() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        Attachment attachment = new Attachment(UUID.randomUUID().toString(), tenant, ticket.id(), "a.png", "image/png",
                10, "uploads/x", base, null, OcrStatus.NOT_STARTED, null, 1);
        store().addAttachment(attachment);
        Attachment uploaded = attachment.markUploaded(base.plusSeconds(5));
        store().updateAttachment(uploaded, 1);
        assertThatThrownBy(() -> store().updateAttachment(attachment.markUploaded(base.plusSeconds(9)), 1))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store().findAttachment(tenant, ticket.id(), attachment.id())).contains(uploaded);
    }

    @Test
    void theTextExtractionStateRoundTripsAndItsClaimIsConditional() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        Attachment attachment = new Attachment(UUID.randomUUID().toString(), tenant, ticket.id(), "scan.pdf",
                "application/pdf", 10, "uploads/x", base, null, OcrStatus.NOT_STARTED, null, 1);
        store().addAttachment(attachment);
        assertThat(store().findAttachment(tenant, ticket.id(), attachment.id()).orElseThrow().ocr())
                .isEqualTo(OcrState.NONE);

        Attachment uploaded = attachment.markUploaded(base.plusSeconds(1), "etag-1");
        store().updateAttachment(uploaded, 1);
        OcrState claim = uploaded.ocr().claimed("token-a", base.plusSeconds(2), base.plusSeconds(602), 1);
        Attachment claimed = uploaded.withOcr(OcrStatus.PROCESSING, null, claim);
        store().updateAttachment(claimed, uploaded.version());
        assertThatThrownBy(() -> store().updateAttachment(uploaded.withOcr(OcrStatus.PROCESSING, null,
                uploaded.ocr().claimed("token-b", base.plusSeconds(2), base.plusSeconds(602), 1)), uploaded.version()))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store().findAttachment(tenant, ticket.id(), attachment.id())).contains(claimed);

        Attachment done = claimed.withOcr(OcrStatus.DONE, "Invoice 42 \u00e9t\u00e9",
                claim.done(base.plusSeconds(4), 1234, java.util.List.of(
                        new OcrState.OcrPage(1, "text-layer", 100, 11, 5),
                        new OcrState.OcrPage(2, "ocr", 91, 300, 1200)), "ocr/t/x/a/etag-1.json"));
        store().updateAttachment(done, claimed.version());
        Attachment read = store().findAttachment(tenant, ticket.id(), attachment.id()).orElseThrow();
        assertThat(read).isEqualTo(done);
        assertThat(read.ocr().pages()).hasSize(2);
        assertThat(read.ocr().blobVersion()).isEqualTo("etag-1");
    }

    // ---- the workflow's sweeps across tenants ----

    private final Instant sweepBase = Instant.parse("1985-01-01T00:00:00Z");

    private Ticket sweepTicket(String tenantId, TicketStatus status, Priority priority, long offsetMillis) {
        Instant at = sweepBase.plusMillis(offsetMillis);
        return new Ticket(UUID.randomUUID().toString(), tenantId, "alice", "s", "d", priority, status, null,
                at.minusSeconds(3600), at, 1);
    }

    /** Pages through a sweep, keeping only this test's tenants (the store is shared with other tests). */
    private <T> List<T> drain(java.util.function.BiFunction<Integer, Optional<String>, Page<T>> query,
                              java.util.function.Predicate<T> mine) {
        List<T> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<T> page = query.apply(2, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().stream().filter(mine).forEach(seen::add);
            cursor = page.nextCursor();
            assertThat(++pages).as("pages").isLessThan(10_000);
        } while (cursor.isPresent());
        return seen;
    }

    @Test
    void sweepsInactiveTicketsOfEveryTenantOldestFirstUpToAndIncludingTheThreshold() {
        String other = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> due = new ArrayList<>(List.of(
                sweepTicket(tenant, TicketStatus.OPEN, Priority.NORMAL, -2000),
                sweepTicket(other, TicketStatus.OPEN, Priority.NORMAL, -1000),
                sweepTicket(tenant, TicketStatus.OPEN, Priority.NORMAL, -1000),
                sweepTicket(other, TicketStatus.OPEN, Priority.NORMAL, -1),
                sweepTicket(tenant, TicketStatus.OPEN, Priority.NORMAL, 0)));
        List<Ticket> notDue = List.of(
                sweepTicket(tenant, TicketStatus.OPEN, Priority.NORMAL, 1),
                sweepTicket(other, TicketStatus.OPEN, Priority.HIGH, -5000),
                sweepTicket(tenant, TicketStatus.IN_PROGRESS, Priority.NORMAL, -5000),
                sweepTicket(other, TicketStatus.CLOSED, Priority.NORMAL, -5000));
        due.forEach(store()::create);
        notDue.forEach(store()::create);
        due.sort(java.util.Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::tenant).thenComparing(Ticket::id));
        java.util.Set<String> tenants = java.util.Set.of(tenant, other);

        List<Ticket> swept = drain((limit, cursor) -> store().listInactive(TicketStatus.OPEN, Priority.NORMAL,
                sweepBase, limit, cursor), t -> tenants.contains(t.tenant()));
        assertThat(swept).containsExactlyElementsOf(due);
        assertThat(drain((limit, cursor) -> store().listInactive(TicketStatus.IN_PROGRESS, Priority.NORMAL,
                sweepBase, limit, cursor), t -> tenants.contains(t.tenant()))).hasSize(1);

        Ticket touched = due.get(0).changed(TicketStatus.OPEN, Priority.NORMAL, null, sweepBase.plusSeconds(1));
        store().update(touched, 1);
        Ticket moved = due.get(1).changed(TicketStatus.IN_PROGRESS, Priority.NORMAL, null, due.get(1).updatedAt());
        store().update(moved, 1);
        List<Ticket> after = drain((limit, cursor) -> store().listInactive(TicketStatus.OPEN, Priority.NORMAL,
                sweepBase, limit, cursor), t -> tenants.contains(t.tenant()));
        assertThat(after).containsExactlyElementsOf(due.subList(2, due.size()));
        assertThat(drain((limit, cursor) -> store().listInactive(TicketStatus.IN_PROGRESS, Priority.NORMAL,
                sweepBase, limit, cursor), t -> tenants.contains(t.tenant()))).hasSize(2).contains(moved);
    }

    @Test
    void aSweepWithNothingDueIsEmptyAndAGarbageSweepCursorIsReported() {
        Page<Ticket> none = store().listInactive(TicketStatus.RESOLVED, Priority.URGENT,
                Instant.parse("1970-01-01T00:00:01Z"), 10, Optional.empty());
        assertThat(none.items()).isEmpty();
        assertThat(none.nextCursor()).isEmpty();
        assertThatThrownBy(() -> store().listInactive(TicketStatus.OPEN, Priority.LOW, sweepBase, 5,
                Optional.of("garbage"))).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store().listAttachmentsByOcr(OcrStatus.PENDING, sweepBase, 5,
                Optional.of("garbage"))).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void sweepsUploadedAttachmentsByOcrStatusUpToAndIncludingTheThreshold() {
        String other = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<Attachment> stuck = new ArrayList<>();
        List<Attachment> notStuck = new ArrayList<>();
        int n = 0;
        for (String tenantId : List.of(tenant, other)) {
            Ticket ticket = sweepTicket(tenantId, TicketStatus.OPEN, Priority.LOW, 0);
            store().create(ticket);
            for (long offset : new long[] {-3000, -1, 0}) {
                stuck.add(attachment(ticket, OcrStatus.PENDING, sweepBase.plusMillis(offset - n++)));
            }
            notStuck.add(attachment(ticket, OcrStatus.PENDING, sweepBase.plusMillis(1)));
            notStuck.add(attachment(ticket, OcrStatus.PROCESSING, sweepBase.minusSeconds(9)));
            notStuck.add(attachment(ticket, OcrStatus.DONE, sweepBase.minusSeconds(9)));
            notStuck.add(attachment(ticket, OcrStatus.NOT_STARTED, null));
        }
        stuck.forEach(store()::addAttachment);
        notStuck.forEach(store()::addAttachment);
        stuck.sort(java.util.Comparator.comparing(Attachment::uploadedAt).thenComparing(Attachment::tenant)
                .thenComparing(Attachment::ticketId).thenComparing(Attachment::id));
        java.util.Set<String> tenants = java.util.Set.of(tenant, other);
        assertThat(drain((limit, cursor) -> store().listAttachmentsByOcr(OcrStatus.PENDING, sweepBase, limit, cursor),
                a -> tenants.contains(a.tenant()))).containsExactlyElementsOf(stuck);
        assertThat(drain((limit, cursor) -> store().listAttachmentsByOcr(OcrStatus.PROCESSING, sweepBase, limit,
                cursor), a -> tenants.contains(a.tenant()))).hasSize(2);

        Attachment done = stuck.get(0);
        store().updateAttachment(new Attachment(done.id(), done.tenant(), done.ticketId(), done.fileName(),
                done.contentType(), done.size(), done.blobKey(), done.createdAt(), done.uploadedAt(), OcrStatus.DONE,
                "text", done.version() + 1), done.version());
        assertThat(drain((limit, cursor) -> store().listAttachmentsByOcr(OcrStatus.PENDING, sweepBase, limit, cursor),
                a -> tenants.contains(a.tenant()))).containsExactlyElementsOf(stuck.subList(1, stuck.size()));
    }

    @Test
    void theOcrSweepHoldsExactlyTheUploadedAttachmentsTheWorkflowWatchesInEveryOcrState() {
        Ticket ticket = sweepTicket(tenant, TicketStatus.OPEN, Priority.LOW, 0);
        store().create(ticket);
        java.util.Map<OcrStatus, Attachment> byStatus = new java.util.EnumMap<>(OcrStatus.class);
        for (OcrStatus status : OcrStatus.values()) {
            Attachment attachment = attachment(ticket, status, status == OcrStatus.NOT_STARTED ? null
                    : sweepBase.minusSeconds(60));
            store().addAttachment(attachment);
            byStatus.put(status, attachment);
        }
        for (OcrStatus status : OcrStatus.values()) {
            List<Attachment> swept = drain((limit, cursor) -> store().listAttachmentsByOcr(status, sweepBase, limit,
                    cursor), a -> a.tenant().equals(tenant));
            boolean watched = status == OcrStatus.PENDING || status == OcrStatus.PROCESSING;
            assertThat(swept).as("OCR sweep of %s", status)
                    .containsExactlyElementsOf(watched ? List.of(byStatus.get(status)) : List.of());
        }
    }

    private static Attachment attachment(Ticket ticket, OcrStatus status, Instant uploadedAt) {
        String id = UUID.randomUUID().toString();
        return new Attachment(id, ticket.tenant(), ticket.id(), "a.png", "image/png", 10,
                "uploads/" + ticket.tenant() + "/" + ticket.id() + "/" + id, uploadedAt == null ? Instant.EPOCH
                : uploadedAt.minusSeconds(60), uploadedAt, status, null, uploadedAt == null ? 1 : 2);
    }
}
