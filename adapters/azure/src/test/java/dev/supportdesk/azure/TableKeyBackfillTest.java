package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.models.ListEntitiesOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.supportdesk.azure.store.TableKeyBackfill;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.backfill.KeyBackfillRun;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The key backfill on Azurite: tickets of the layout before sharding ({@code T|tenant}) are still found and
 * updated, move to their shard when updated or backfilled, in resumable steps; a second run moves nothing;
 * the HTTP function runs it from the app's context and answers refused input with a problem.
 */
class TableKeyBackfillTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final TableTicketStore legacy = new TableTicketStore(Emulators.table(),
            options -> Emulators.table().listEntities(options, null, null), Clock.systemUTC(), TableKeys.UNSHARDED);
    private final TableTicketStore current = new TableTicketStore(Emulators.table());

    /** The store of a deployment that names {@code tenant} in its big tier. */
    private static TableTicketStore bigTier(String tenant) {
        return new TableTicketStore(Emulators.table(), options -> Emulators.table().listEntities(options, null, null),
                Clock.systemUTC(), TableKeys.tiered(ShardTiers.of(List.of(tenant))));
    }

    private List<Ticket> legacyTickets(String tenant) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, i % 2 == 0 ? "alice" : "bob", "s", "d",
                    Priority.NORMAL, TicketStatus.OPEN, null, AT.plusSeconds(i), AT.plusSeconds(i), 1);
            legacy.create(ticket);
            tickets.add(ticket);
        }
        return tickets;
    }

    private static long rowsIn(String partition) {
        return Emulators.table().listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq '" + partition + "'"),
                null, null).stream().count();
    }

    private List<Ticket> listed(String tenant) {
        return current.list(new TicketQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), 100));
    }

    @Test
    void oldTicketsAreFoundMovedOnUpdateAndBackfilledInResumableSteps() throws Exception {
        String tenant = "bf" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> tickets = legacyTickets(tenant);
        assertThat(rowsIn(TableKeys.legacyPartition(tenant))).isEqualTo(120);
        assertThat(listed(tenant)).as("today's lists read the shards only").isEmpty();
        assertThat(current.find(tenant, tickets.get(3).id())).contains(tickets.get(3));

        Ticket changed = tickets.get(3).changed(TicketStatus.IN_PROGRESS, Priority.HIGH, "agent", AT.plusSeconds(100));
        current.update(changed, 1);
        tickets.set(3, changed);
        assertThat(rowsIn(TableKeys.legacyPartition(tenant))).as("the updated ticket moved with its rows").isEqualTo(116);

        // other classes' ordinary tenants share the table and stay where they are: move up this tenant only
        KeyBackfillRun run = new KeyBackfillRun(new TableKeyBackfill(Emulators.table(), bigTier(tenant)));
        int moved = 0;
        int runs = 0;
        JsonNode report = Json.MAPPER.readTree(run.apply("{\"maxItems\": 10}"));
        while (true) {
            runs++;
            moved += report.path("rewritten").asInt();
            if (report.path("done").asBoolean()) {
                break;
            }
            report = Json.MAPPER.readTree(run.apply(Json.MAPPER.createObjectNode().put("maxItems", 10)
                    .put("resumeFrom", report.path("resumeFrom").asText()).toString()));
        }
        assertThat(runs).isGreaterThan(1);
        assertThat(moved).isEqualTo(29);
        assertThat(rowsIn(TableKeys.legacyPartition(tenant))).isZero();
        tickets.sort(Comparator.comparing(Ticket::createdAt).reversed());
        assertThat(listed(tenant)).containsExactlyElementsOf(tickets);
        assertThat(current.find(tenant, changed.id())).contains(changed);

        assertThat(Json.MAPPER.readTree(run.apply("{}")).path("rewritten").asInt()).isZero();
    }

    @Test
    void theHttpFunctionRunsTheBackfillAndRefusesBadInputWithAProblem() throws Exception {
        String tenant = "bh" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> tickets = legacyTickets(tenant);
        ConfigurableApplicationContext context = Emulators.azureContext(Map.of("supportdesk.sharded-tenants", tenant));
        KeyBackfillFunction function = new KeyBackfillFunction(context);

        HttpResponseMessage done = function.run(request("{\"maxItems\": 100000}"), null);
        assertThat(done.getStatusCode()).isEqualTo(200);
        JsonNode report = Json.MAPPER.readTree(new String((byte[]) done.getBody(), StandardCharsets.UTF_8));
        assertThat(report.path("done").asBoolean()).isTrue();
        assertThat(report.path("rewritten").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(listed(tenant)).hasSameSizeAs(tickets);

        HttpResponseMessage refused = function.run(request("{\"resumeFrom\": \"not-a-token\", \"maxItems\": 0}"), null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    private static FakeFunctionsHostRequest request(String body) {
        return new FakeFunctionsHostRequest(FakeFunctionsHostRequest.HOST + "/" + KeyBackfillFunction.ROUTE, HttpMethod.POST,
                Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrdinaryTenantStaysInItsPartitionAndMovesToTheShardsWhenItJoinsTheBigTier() throws Exception {
        String tenant = "tier" + UUID.randomUUID().toString().substring(0, 8);
        TableTicketStore ordinary = new TableTicketStore(Emulators.table(),
                options -> Emulators.table().listEntities(options, null, null), Clock.systemUTC(),
                TableKeys.tiered(ShardTiers.noTenant()));
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", Priority.NORMAL,
                    TicketStatus.OPEN, null, AT.plusSeconds(i), AT.plusSeconds(i), 1);
            ordinary.create(ticket);
            tickets.add(0, ticket);
        }
        TicketQuery all = new TicketQuery(tenant, Optional.empty(), Optional.empty(), Optional.empty(), 100);
        assertThat(rowsIn(TableKeys.legacyPartition(tenant))).as("ticket and index rows, one partition").isEqualTo(48);
        assertThat(ordinary.list(all)).containsExactlyElementsOf(tickets);

        TableTicketStore big = bigTier(tenant);
        assertThat(big.find(tenant, tickets.get(2).id())).as("found before the move").contains(tickets.get(2));
        assertThat(big.list(all)).as("before the backfill, the big tier's lists read only the shards").isEmpty();
        JsonNode report = Json.MAPPER.readTree(new KeyBackfillRun(new TableKeyBackfill(Emulators.table(), big))
                .apply("{\"maxItems\": 100000}"));
        assertThat(report.path("rewritten").asInt()).isEqualTo(12);
        assertThat(rowsIn(TableKeys.legacyPartition(tenant))).isZero();
        assertThat(big.list(all)).containsExactlyElementsOf(tickets);
    }
}
