package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.domain.Conflict;
import dev.supportdesk.domain.PreconditionFailed;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.identity.Identity;
import dev.supportdesk.identity.Role;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ResponseQuery;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Sweeps;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketChange;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketService;
import dev.supportdesk.tickets.TicketSettings;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketStore} implementation must do (H2 locally, DynamoDB on AWS, Tables on
 * Azure): conditional writes that never overwrite silently, filtered lists resumed strictly after a
 * position, tenant isolation, and sweeps that hold exactly what the core's {@link SweepKey} puts in them.
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
    void listsNewestFirstFromAPositionWithFilters() {
        List<Ticket> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Ticket ticket = ticket(i % 3 == 0 ? "bob" : "alice", i);
            store().create(ticket);
            all.add(0, ticket);
        }
        List<Ticket> seen = new ArrayList<>();
        Optional<ListPosition> after = Optional.empty();
        List<Ticket> fetched;
        do {
            fetched = store().list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), after, 4));
            assertThat(fetched.size()).isLessThanOrEqualTo(4);
            seen.addAll(fetched);
            after = fetched.isEmpty() ? after : Optional.of(position(fetched.get(fetched.size() - 1)));
        } while (fetched.size() == 4);
        assertThat(seen).containsExactlyElementsOf(all);

        List<Ticket> bobs = store().list(new TicketQuery(tenant, Optional.empty(), Optional.of("bob"), Optional.empty(), 10));
        assertThat(bobs).hasSize(3).allMatch(t -> t.requester().equals("bob"));
        List<Ticket> bobsAfterTheNewest = store().list(new TicketQuery(tenant, Optional.empty(), Optional.of("bob"),
                Optional.of(position(bobs.get(0))), 10));
        assertThat(bobsAfterTheNewest).containsExactlyElementsOf(bobs.subList(1, 3));
        List<Ticket> openBobs = store().list(new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.of("bob"),
                Optional.of(position(bobs.get(1))), 10));
        assertThat(openBobs).containsExactly(bobs.get(2));
        List<Ticket> closed = store().list(new TicketQuery(tenant, Optional.of(TicketStatus.CLOSED), Optional.empty(),
                Optional.empty(), 10));
        assertThat(closed).isEmpty();
    }

    @Test
    void aListResumesStrictlyAfterItsPositionEvenWhenTimesTie() {
        Instant at = base.plusSeconds(7);
        List<Ticket> sameTime = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.LOW,
                    TicketStatus.OPEN, null, at, at, 1);
            store().create(ticket);
            sameTime.add(ticket);
        }
        // the direction of ties is the store's (Tables keeps ids ascending under an inverted time); resuming is not
        List<Ticket> inStoreOrder = store().list(new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.empty(),
                Optional.empty(), 10));
        assertThat(inStoreOrder).containsExactlyInAnyOrderElementsOf(sameTime);
        List<Ticket> rest = store().list(new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.empty(),
                Optional.of(position(inStoreOrder.get(1))), 10));
        assertThat(rest).containsExactlyElementsOf(inStoreOrder.subList(2, 4));
    }

    private static ListPosition position(Ticket ticket) {
        return new ListPosition(ticket.createdAt(), ticket.id());
    }

    @Test
    void aResponseIsWrittenOnceAndNeverReplaced() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        Response first = new Response(UUID.randomUUID().toString(), tenant, ticket.id(), "agent", "first",
                Visibility.PUBLIC, base.plusSeconds(1));
        store().addResponse(first);
        // The same id and time (a retried write of it); on DynamoDB a response's sort key holds its time.
        Response again = new Response(first.id(), tenant, ticket.id(), "agent", "second", Visibility.INTERNAL,
                first.createdAt());
        assertThatThrownBy(() -> store().addResponse(again)).isInstanceOf(StaleVersionException.class);
        assertThat(store().findResponse(tenant, ticket.id(), first.id())).contains(first);
        assertThat(store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 10)))
                .containsExactly(first);
    }

    @Test
    void aResponseRetriedWithItsIdempotencyKeyAfterTheTicketTouchFailedIsStoredOnce() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        FailingTicketUpdates failing = new FailingTicketUpdates(store());
        Instant now = base.plusSeconds(3600);
        TicketService service = new TicketService(failing, null, Clock.fixed(now, ZoneOffset.UTC),
                new TicketSettings(1024, Duration.ofMinutes(15), TicketSettings.OCR_TYPES));
        Identity agent = new Identity("agent-1", tenant, Set.of(Role.AGENT));

        failing.failNextUpdates(1);
        assertThatThrownBy(() -> service.respond(agent, ticket.id(), "on it", Visibility.PUBLIC, Optional.of("key-1")))
                .as("the response is stored, the ticket's touch fails: the client sees a 503")
                .isInstanceOf(Unavailable.class);
        assertThat(store().find(tenant, ticket.id()).orElseThrow().version()).as("ticket not touched yet").isEqualTo(1);

        Response retried = service.respond(agent, ticket.id(), "on it", Visibility.PUBLIC, Optional.of("key-1"));
        List<Response> stored = store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 10));
        assertThat(stored).as("one response however often the request is retried").containsExactly(retried);
        assertThat(service.respond(agent, ticket.id(), "on it", Visibility.PUBLIC, Optional.of("key-1")))
                .isEqualTo(retried);
        Ticket touched = store().find(tenant, ticket.id()).orElseThrow();
        assertThat(touched.updatedAt()).as("the retry touches the ticket").isEqualTo(retried.createdAt());
        assertThat(touched.version()).as("touched once").isEqualTo(2);

        assertThatThrownBy(() -> service.respond(agent, ticket.id(), "something else", Visibility.PUBLIC,
                Optional.of("key-1"))).as("the same key for another response").isInstanceOf(Conflict.class);
        Identity otherAgent = new Identity("agent-2", tenant, Set.of(Role.AGENT));
        Response others = service.respond(otherAgent, ticket.id(), "on it", Visibility.PUBLIC, Optional.of("key-1"));
        assertThat(others.id()).as("keys are per caller").isNotEqualTo(retried.id());
        assertThat(store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 10)))
                .containsExactlyInAnyOrder(retried, others);
    }

    @Test
    void simultaneousResponsesWithOneIdempotencyKeyStoreOneResponseAndTouchTheTicketOnce() throws Exception {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        int callers = 6;
        TicketStore racing = new SimultaneousResponseWrites(store(), callers);
        Identity agent = new Identity("agent-1", tenant, Set.of(Role.AGENT));
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<String> bodies = new ArrayList<>();
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                // each at its own millisecond, so that the responses' times, and so their sort keys, differ
                Clock clock = Clock.fixed(base.plusSeconds(3600).plusMillis(i), ZoneOffset.UTC);
                TicketService service = new TicketService(racing, null, clock,
                        new TicketSettings(1024, Duration.ofMinutes(15), TicketSettings.OCR_TYPES));
                String body = i == callers - 1 ? "another body" : "on it";
                bodies.add(body);
                answers.add(pool.submit(() -> service.respond(agent, ticket.id(), body, Visibility.PUBLIC,
                        Optional.of("same-key"))));
            }
            for (Future<Response> answer : answers) {
                try {
                    answer.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(Conflict.class);
                }
            }
            List<Response> stored = store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 10));
            assertThat(stored).as("one response for one key, however many requests raced").hasSize(1);
            Response winner = stored.getFirst();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                if (bodies.get(i).equals(winner.body())) {
                    assertThat(answers.get(i).get()).as("caller %d is answered with the stored response", caller)
                            .isEqualTo(winner);
                } else {
                    assertThatThrownBy(() -> answers.get(caller).get()).as("caller %d sent another body", caller)
                            .hasCauseInstanceOf(Conflict.class);
                }
            }
            Ticket touched = store().find(tenant, ticket.id()).orElseThrow();
            assertThat(touched.updatedAt()).as("the ticket's activity is the stored response's time")
                    .isEqualTo(winner.createdAt());
            assertThat(touched.version()).as("one activity update, not one per request").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofTwoRequestsMakingTheSameChangeFromOneVersionOnlyOneWins() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        // Both requests read version 1 before either wrote; at the same clock their changes are identical.
        ReadsFrom readsBeforeTheFirstWrite = new ReadsFrom(store(), ticket);
        Clock clock = Clock.fixed(base.plusSeconds(3600), ZoneOffset.UTC);
        TicketSettings settings = new TicketSettings(1024, Duration.ofMinutes(15), TicketSettings.OCR_TYPES);
        Identity agent = new Identity("agent-1", tenant, Set.of(Role.AGENT));
        TicketChange toInProgress = new TicketChange(Optional.of(TicketStatus.IN_PROGRESS), Optional.empty(), false,
                Optional.empty());

        Ticket first = new TicketService(store(), null, clock, settings)
                .update(agent, ticket.id(), toInProgress, Optional.of("\"1\""));
        TicketService second = new TicketService(readsBeforeTheFirstWrite, null, clock, settings);
        assertThatThrownBy(() -> second.update(agent, ticket.id(), toInProgress, Optional.of("\"1\"")))
                .as("If-Match \"1\" no longer holds when the second write arrives")
                .isInstanceOf(PreconditionFailed.class);
        assertThat(store().find(tenant, ticket.id())).contains(first);
    }

    /**
     * A real store whose first read of one ticket answers an earlier snapshot (a request that read before
     * another wrote); later reads see the store.
     */
    private static final class ReadsFrom extends ForwardingTicketStore {
        private final java.util.concurrent.atomic.AtomicReference<Ticket> snapshot;

        ReadsFrom(TicketStore delegate, Ticket snapshot) {
            super(delegate);
            this.snapshot = new java.util.concurrent.atomic.AtomicReference<>(snapshot);
        }

        @Override
        public Optional<Ticket> find(String tenant, String ticketId) {
            Ticket earlier = snapshot.get();
            if (earlier != null && earlier.id().equals(ticketId) && snapshot.compareAndSet(earlier, null)) {
                return Optional.of(earlier);
            }
            return delegate.find(tenant, ticketId);
        }
    }

    @Test
    void responsesAreListedOldestFirstAndInternalOnesCanBeHidden() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        for (int i = 0; i < 3; i++) {
            store().addResponse(new Response(UUID.randomUUID().toString(), tenant, ticket.id(), "agent", "m" + i,
                    i == 1 ? Visibility.INTERNAL : Visibility.PUBLIC, base.plusSeconds(i)));
        }
        List<Response> all = store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 10));
        assertThat(all).extracting(Response::body).containsExactly("m0", "m1", "m2");
        List<Response> visible = store().listResponses(new ResponseQuery(tenant, ticket.id(), false, Optional.empty(), 10));
        assertThat(visible).extracting(Response::body).containsExactly("m0", "m2");
        List<Response> firstTwo = store().listResponses(new ResponseQuery(tenant, ticket.id(), true, Optional.empty(), 2));
        assertThat(firstTwo).extracting(Response::body).containsExactly("m0", "m1");
        Response last = firstTwo.get(1);
        List<Response> rest = store().listResponses(new ResponseQuery(tenant, ticket.id(), true,
                Optional.of(new ListPosition(last.createdAt(), last.id())), 2));
        assertThat(rest).extracting(Response::body).containsExactly("m2");
        List<Response> visibleRest = store().listResponses(new ResponseQuery(tenant, ticket.id(), false,
                Optional.of(new ListPosition(all.get(0).createdAt(), all.get(0).id())), 1));
        assertThat(visibleRest).extracting(Response::body).containsExactly("m2");
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
    void aQuarantineRoundTripsWithItsReasonAndTakesTheAttachmentOutOfTheSweep() {
        Ticket ticket = ticket("alice", 1);
        store().create(ticket);
        Attachment attachment = new Attachment(UUID.randomUUID().toString(), tenant, ticket.id(), "a.png", "image/png",
                10, "uploads/x", base, null, OcrStatus.NOT_STARTED, null, 1);
        store().addAttachment(attachment);
        Attachment uploaded = attachment.markUploaded(base.plusSeconds(1), "etag-1");
        store().updateAttachment(uploaded, 1);
        Attachment quarantined = uploaded.withQuarantine("the file was replaced after it had been accepted",
                base.plusSeconds(2));
        store().updateAttachment(quarantined, uploaded.version());

        Attachment read = store().findAttachment(tenant, ticket.id(), attachment.id()).orElseThrow();
        assertThat(read).isEqualTo(quarantined);
        assertThat(read.quarantineReason()).isEqualTo("the file was replaced after it had been accepted");
        assertThat(read.uploaded()).isFalse();
        assertThat(read.ocrStatus()).isEqualTo(OcrStatus.FAILED);
        assertThat(store().sweep(new SweepQuery(SweepKey.ocr(OcrStatus.PENDING), base.plusSeconds(60),
                Optional.empty(), 100))).noneMatch(entry -> entry.attachmentId().equals(
                        Optional.of(attachment.id())));
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

    /** Pages through a sweep two at a time, keeping only this test's tenants (the store is shared with other tests). */
    private List<SweepEntry> drain(String bucket, Instant notAfter, java.util.Set<String> tenants) {
        List<SweepEntry> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<SweepEntry> page = Sweeps.page(store(), bucket, notAfter, 2, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().stream().filter(entry -> tenants.contains(entry.tenant())).forEach(seen::add);
            cursor = page.nextCursor();
            assertThat(++pages).as("pages").isLessThan(10_000);
        } while (cursor.isPresent());
        return seen;
    }

    private List<SweepEntry> drain(String bucket, java.util.Set<String> tenants) {
        return drain(bucket, sweepBase, tenants);
    }

    private static SweepEntry entry(Ticket ticket) {
        return new SweepEntry(ticket.updatedAt(), ticket.tenant(), ticket.id(), Optional.empty());
    }

    private static SweepEntry entry(Attachment attachment) {
        return new SweepEntry(attachment.uploadedAt(), attachment.tenant(), attachment.ticketId(),
                Optional.of(attachment.id()));
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
        String openNormal = SweepKey.inactive(TicketStatus.OPEN, Priority.NORMAL);
        String inProgressNormal = SweepKey.inactive(TicketStatus.IN_PROGRESS, Priority.NORMAL);

        assertThat(drain(openNormal, tenants)).containsExactlyElementsOf(due.stream().map(TicketStoreContract::entry).toList());
        assertThat(drain(inProgressNormal, tenants)).hasSize(1);

        Ticket touched = due.get(0).changed(TicketStatus.OPEN, Priority.NORMAL, null, sweepBase.plusSeconds(1));
        store().update(touched, 1);
        Ticket moved = due.get(1).changed(TicketStatus.IN_PROGRESS, Priority.NORMAL, null, due.get(1).updatedAt());
        store().update(moved, 1);
        assertThat(drain(openNormal, tenants))
                .containsExactlyElementsOf(due.subList(2, due.size()).stream().map(TicketStoreContract::entry).toList());
        assertThat(drain(inProgressNormal, tenants)).hasSize(2).contains(entry(moved));
    }

    @Test
    void everyTicketStatusButClosedIsSweptUnderItsStatusAndPriority() {
        java.util.Map<TicketStatus, Ticket> byStatus = new java.util.EnumMap<>(TicketStatus.class);
        for (TicketStatus status : TicketStatus.values()) {
            Ticket ticket = sweepTicket(tenant, status, Priority.URGENT, -60_000);
            store().create(ticket);
            byStatus.put(status, ticket);
        }
        for (TicketStatus status : TicketStatus.values()) {
            List<SweepEntry> swept = drain(SweepKey.inactive(status, Priority.URGENT), java.util.Set.of(tenant));
            assertThat(swept).as("sweep of %s tickets", status).containsExactlyElementsOf(
                    status == TicketStatus.CLOSED ? List.of() : List.of(entry(byStatus.get(status))));
        }

        Ticket resolved = byStatus.get(TicketStatus.RESOLVED);
        store().update(resolved.changed(TicketStatus.CLOSED, Priority.URGENT, null, resolved.updatedAt()), 1);
        assertThat(drain(SweepKey.inactive(TicketStatus.RESOLVED, Priority.URGENT), java.util.Set.of(tenant))).isEmpty();
        assertThat(drain(SweepKey.inactive(TicketStatus.CLOSED, Priority.URGENT), java.util.Set.of(tenant))).isEmpty();
    }

    @Test
    void aSweepWithNothingDueIsEmptyAndAGarbageSweepCursorIsReported() {
        Page<SweepEntry> none = Sweeps.page(store(), SweepKey.inactive(TicketStatus.RESOLVED, Priority.URGENT),
                Instant.parse("1970-01-01T00:00:01Z"), 10, Optional.empty());
        assertThat(none.items()).isEmpty();
        assertThat(none.nextCursor()).isEmpty();
        assertThatThrownBy(() -> Sweeps.page(store(), SweepKey.inactive(TicketStatus.OPEN, Priority.LOW), sweepBase, 5,
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
        String pending = SweepKey.ocr(OcrStatus.PENDING);
        assertThat(drain(pending, tenants)).containsExactlyElementsOf(stuck.stream().map(TicketStoreContract::entry).toList());
        assertThat(drain(SweepKey.ocr(OcrStatus.PROCESSING), tenants)).hasSize(2);

        Attachment done = stuck.get(0);
        store().updateAttachment(done.withOcr(OcrStatus.DONE, "text", done.ocr()), done.version());
        assertThat(drain(pending, tenants)).containsExactlyElementsOf(
                stuck.subList(1, stuck.size()).stream().map(TicketStoreContract::entry).toList());
    }

    @Test
    void theOcrSweepsHoldExactlyTheUploadedAttachmentsInAWatchedStateWhateverTheirOcrStatus() {
        Ticket ticket = sweepTicket(tenant, TicketStatus.OPEN, Priority.LOW, 0);
        store().create(ticket);
        java.util.Map<OcrStatus, Attachment> byStatus = new java.util.EnumMap<>(OcrStatus.class);
        for (OcrStatus status : OcrStatus.values()) {
            Attachment uploaded = attachment(ticket, status, sweepBase.minusSeconds(60));
            store().addAttachment(uploaded);
            byStatus.put(status, uploaded);
            store().addAttachment(attachment(ticket, status, null));
        }
        java.util.Set<OcrStatus> watched = java.util.EnumSet.of(OcrStatus.PENDING, OcrStatus.PROCESSING);
        for (OcrStatus status : OcrStatus.values()) {
            assertThat(drain(SweepKey.ocr(status), java.util.Set.of(tenant))).as("OCR sweep of %s", status)
                    .containsExactlyElementsOf(watched.contains(status) ? List.of(entry(byStatus.get(status))) : List.of());
        }
    }

    @Test
    void anAttachmentMovesBetweenTheOcrSweepsWithItsStatusAndLeavesThemWhenFinal() {
        Ticket ticket = sweepTicket(tenant, TicketStatus.OPEN, Priority.LOW, 0);
        store().create(ticket);
        Attachment declared = attachment(ticket, OcrStatus.NOT_STARTED, null);
        store().addAttachment(declared);
        java.util.Set<String> mine = java.util.Set.of(tenant);
        String pending = SweepKey.ocr(OcrStatus.PENDING);
        String processing = SweepKey.ocr(OcrStatus.PROCESSING);

        Attachment uploaded = declared.markUploaded(sweepBase.minusSeconds(30), "etag-1");
        store().updateAttachment(uploaded, declared.version());
        assertThat(drain(pending, mine)).containsExactly(entry(uploaded));
        Attachment claimed = uploaded.withOcr(OcrStatus.PROCESSING, null, uploaded.ocr());
        store().updateAttachment(claimed, uploaded.version());
        assertThat(drain(pending, mine)).isEmpty();
        assertThat(drain(processing, mine)).containsExactly(entry(claimed));
        Attachment failed = claimed.withOcr(OcrStatus.FAILED, null, claimed.ocr());
        store().updateAttachment(failed, claimed.version());
        assertThat(drain(processing, mine)).isEmpty();
        assertThat(drain(pending, mine)).isEmpty();
        Attachment retried = failed.withOcr(OcrStatus.PENDING, null, failed.ocr());
        store().updateAttachment(retried, failed.version());
        assertThat(drain(pending, mine)).containsExactly(entry(retried));
        Attachment done = retried.withOcr(OcrStatus.DONE, "text", retried.ocr());
        store().updateAttachment(done, retried.version());
        assertThat(drain(pending, mine)).isEmpty();
        assertThat(drain(processing, mine)).isEmpty();
    }

    private static Attachment attachment(Ticket ticket, OcrStatus status, Instant uploadedAt) {
        String id = UUID.randomUUID().toString();
        return new Attachment(id, ticket.tenant(), ticket.id(), "a.png", "image/png", 10,
                "uploads/" + ticket.tenant() + "/" + ticket.id() + "/" + id, uploadedAt == null ? Instant.EPOCH
                : uploadedAt.minusSeconds(60), uploadedAt, status, null, uploadedAt == null ? 1 : 2);
    }
}
