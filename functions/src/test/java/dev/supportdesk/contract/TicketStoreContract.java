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
}
