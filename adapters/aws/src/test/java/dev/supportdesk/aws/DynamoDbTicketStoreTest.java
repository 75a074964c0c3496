package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.Shards;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract against DynamoDB Local, in-process. */
class DynamoDbTicketStoreTest extends TicketStoreContract {

    private final DynamoDbTicketStore store = new DynamoDbTicketStore(Emulators.dynamoDb(), Emulators.TABLE);

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void aTicketIsOneItemIndexedByTenantStatusAndRequesterInItsShard() {
        java.time.Instant at = java.time.Instant.parse("2026-03-01T10:00:00Z");
        dev.supportdesk.tickets.Ticket ticket = new dev.supportdesk.tickets.Ticket(java.util.UUID.randomUUID().toString(),
                "keys", "alice", "s", "d", dev.supportdesk.tickets.Priority.LOW, dev.supportdesk.tickets.TicketStatus.OPEN,
                null, at, at, 1);
        store.create(ticket);
        var item = Emulators.dynamoDb().getItem(b -> b.tableName(Emulators.TABLE).key(java.util.Map.of(
                "PK", AttributeValue.fromS("T#keys#" + ticket.id()), "SK", AttributeValue.fromS("TICKET")))).item();
        // GSI1-2: the slot of the creation time's 2-second slice (16 slots of 4 shards), then the id's hash among 4
        long slot = at.getEpochSecond() / 2 % 16;
        String shard = String.format("%02d", slot * 4 + Shards.of(ticket.id(), 4));
        assertThat(item.get("GSI1PK").s()).isEqualTo("TENANT#keys#" + shard);
        assertThat(item.get("GSI2PK").s()).isEqualTo("TENANT#keys#S#OPEN#" + shard);
        assertThat(item.get("GSI3PK").s()).isEqualTo("TENANT#keys#R#alice#0" + Shards.of(ticket.id(), 4));
        assertThat(item.get("GSI1SK").s()).isEqualTo(String.format("%013d#%s", at.toEpochMilli(), ticket.id()));
        assertThat(item.get("version").n()).isEqualTo("1");
        assertThat(item.get("GSI4PK").s()).isEqualTo("SWEEP#T#OPEN#LOW#"
                + String.format("%03d", Shards.of("keys#" + ticket.id(), store.keys().sweepShards("T#OPEN#LOW"))));
        assertThat(item.get("GSI4SK").s()).isEqualTo(String.format("%013d#keys#%s", at.toEpochMilli(), ticket.id()));
    }

    @Test
    void aResponseWriteCancelledByAConcurrentTransactionIsTriedAgainThenAnswersUnavailable() {
        String tenant = "conflict" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String ticketId = java.util.UUID.randomUUID().toString();
        Response first = new Response(java.util.UUID.randomUUID().toString(), tenant, ticketId, "agent", "first",
                Visibility.PUBLIC, java.time.Instant.parse("2026-03-01T10:00:00Z"));
        new DynamoDbTicketStore(new ConflictingTransactions(Emulators.dynamoDb(), 3), Emulators.TABLE).addResponse(first);
        assertThat(store.findResponse(tenant, ticketId, first.id())).as("written on the fourth attempt").contains(first);

        Response second = new Response(java.util.UUID.randomUUID().toString(), tenant, ticketId, "agent", "second",
                Visibility.PUBLIC, java.time.Instant.parse("2026-03-01T10:00:01Z"));
        DynamoDbTicketStore alwaysConflicting =
                new DynamoDbTicketStore(new ConflictingTransactions(Emulators.dynamoDb(), 4), Emulators.TABLE);
        assertThatThrownBy(() -> alwaysConflicting.addResponse(second)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(((Unavailable) e).retryAfter()).isEqualTo(java.time.Duration.ofSeconds(1)));
        assertThat(store.findResponse(tenant, ticketId, second.id())).isEmpty();
    }
}
