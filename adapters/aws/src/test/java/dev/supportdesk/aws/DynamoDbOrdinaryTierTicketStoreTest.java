package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract on DynamoDB Local for tenants outside the big tier: one index partition per list. */
class DynamoDbOrdinaryTierTicketStoreTest extends TicketStoreContract {

    private final DynamoDbTicketStore store = new DynamoDbTicketStore(Emulators.dynamoDb(), Emulators.TABLE,
            DynamoDbKeys.tiered(ShardTiers.of(List.of("the-big-one"))));

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void anOrdinaryTenantsIndexKeysHaveNoShardAndTheBigTenantsDo() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        String small = "small" + UUID.randomUUID().toString().substring(0, 8);
        Ticket ordinary = new Ticket(UUID.randomUUID().toString(), small, "alice", "s", "d", Priority.LOW,
                TicketStatus.OPEN, null, at, at, 1);
        Ticket big = new Ticket(UUID.randomUUID().toString(), "the-big-one", "alice", "s", "d", Priority.LOW,
                TicketStatus.OPEN, null, at, at, 1);
        store.create(ordinary);
        store.create(big);
        Map<String, AttributeValue> item = item(ordinary);
        assertThat(item.get("GSI1PK").s()).isEqualTo("TENANT#" + small);
        assertThat(item.get("GSI2PK").s()).isEqualTo("TENANT#" + small + "#S#OPEN");
        assertThat(item.get("GSI3PK").s()).isEqualTo("TENANT#" + small + "#R#alice");
        assertThat(item.get("GSI4PK").s()).as("sweeps span tenants and stay sharded").matches("SWEEP#T#OPEN#LOW#\\d{3}");
        assertThat(item(big).get("GSI1PK").s()).matches("TENANT#the-big-one#\\d{2}");
    }

    private static Map<String, AttributeValue> item(Ticket ticket) {
        return Emulators.dynamoDb().getItem(b -> b.tableName(Emulators.TABLE).key(Map.of(
                "PK", AttributeValue.fromS("T#" + ticket.tenant() + "#" + ticket.id()),
                "SK", AttributeValue.fromS("TICKET")))).item();
    }
}
