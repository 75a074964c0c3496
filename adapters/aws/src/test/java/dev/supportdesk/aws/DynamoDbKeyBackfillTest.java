package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.store.DynamoDbKeyBackfill;
import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.SweepShards;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.Visibility;
import dev.supportdesk.tickets.backfill.KeyBackfillRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key backfill on DynamoDB Local, on a table of its own: items written with the keys of before
 * sharding are invisible to today's lists until the backfill rewrites them; it works in resumable steps,
 * a second run rewrites nothing, and the Lambda handler runs it from the function's own context.
 */
class DynamoDbKeyBackfillTest {

    private static final String TABLE = "supportdesk-backfill-test";
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static DynamoDbTicketStore legacy;
    private static DynamoDbTicketStore current;

    @BeforeAll
    static void table() {
        tableNamed(TABLE);
        legacy = new DynamoDbTicketStore(Emulators.dynamoDb(), TABLE, DynamoDbKeys.UNSHARDED);
        current = new DynamoDbTicketStore(Emulators.dynamoDb(), TABLE);
    }

    /** The table {@code name} on DynamoDB Local, created unless a run of this class made it already. */
    private static String tableNamed(String name) {
        if (!Emulators.dynamoDb().listTables().tableNames().contains(name)) {
            Emulators.createTable(Emulators.dynamoDb(), name);
        }
        return name;
    }

    /** 40 tickets of the layout before sharding, with responses, and an uploaded attachment waiting for OCR. */
    private static List<Ticket> legacyTickets(String tenant) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, i % 2 == 0 ? "alice" : "bob", "s", "d",
                    Priority.NORMAL, i % 4 == 0 ? TicketStatus.IN_PROGRESS : TicketStatus.OPEN, null,
                    AT.plusSeconds(i), AT.plusSeconds(i), 1);
            legacy.create(ticket);
            legacy.addResponse(new Response(UUID.randomUUID().toString(), tenant, ticket.id(), "agent", "hi",
                    Visibility.PUBLIC, AT.plusSeconds(i)));
            tickets.add(ticket);
        }
        Attachment attachment = new Attachment(UUID.randomUUID().toString(), tenant, tickets.getFirst().id(), "a.png",
                "image/png", 10, "uploads/a", AT, null, OcrStatus.NOT_STARTED, null, 1);
        legacy.addAttachment(attachment);
        legacy.updateAttachment(attachment.markUploaded(AT.plusSeconds(1)), 1);
        tickets.sort(Comparator.comparing(Ticket::createdAt).reversed());
        return tickets;
    }

    private static List<Ticket> listed(String tenant, Optional<TicketStatus> status) {
        return current.list(new TicketQuery(tenant, status, Optional.empty(), Optional.empty(), 100));
    }

    @Test
    void rewritesOldKeysInResumableStepsAndASecondRunRewritesNothing() throws Exception {
        String tenant = "bf" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> tickets = legacyTickets(tenant);
        assertThat(listed(tenant, Optional.empty())).as("old keys: today's lists do not see them").isEmpty();
        assertThat(current.find(tenant, tickets.getFirst().id())).as("point reads do").isPresent();

        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), TABLE, current));
        int rewritten = 0;
        int runs = 0;
        JsonNode report = Json.MAPPER.readTree(run.apply("{\"maxItems\": 25}"));
        while (true) {
            runs++;
            rewritten += report.path("rewritten").asInt();
            if (report.path("done").asBoolean()) {
                break;
            }
            report = Json.MAPPER.readTree(run.apply(Json.MAPPER.createObjectNode().put("maxItems", 25)
                    .put("resumeFrom", report.path("resumeFrom").asText()).toString()));
        }
        assertThat(runs).as("40 tickets, 40 responses with their 40 id markers, and the attachment, 25 at a time").isGreaterThan(3);
        assertThat(rewritten).as("the 40 tickets and the attachment; responses and their markers keep their keys").isEqualTo(41);

        assertThat(listed(tenant, Optional.empty())).containsExactlyElementsOf(tickets);
        assertThat(listed(tenant, Optional.of(TicketStatus.IN_PROGRESS)))
                .containsExactlyElementsOf(tickets.stream().filter(t -> t.status() == TicketStatus.IN_PROGRESS).toList());
        List<SweepEntry> ocr = current.sweep(new SweepQuery(SweepKey.ocr(OcrStatus.PENDING), AT.plusSeconds(60),
                Optional.empty(), 1000));
        assertThat(ocr).filteredOn(entry -> entry.tenant().equals(tenant)).hasSize(1);

        JsonNode again = Json.MAPPER.readTree(run.apply("{}"));
        assertThat(again.path("rewritten").asInt()).isZero();
        assertThat(again.path("done").asBoolean()).isTrue();
    }

    @Test
    void aResumePositionThatIsNotOneIsInvalidInput() {
        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), TABLE, current));
        for (String resume : List.of("x", "{}", "{\"PK\": \"a\"}", "{\"PK\": \"a\", \"SK\": 1}", "{\"PK\": \"\", \"SK\": \"b\"}",
                "{\"PK\": \"a\", \"SK\": \"b\", \"GSI1PK\": \"c\"}")) {
            String input = Json.MAPPER.createObjectNode().put("resumeFrom", resume).toString();
            assertThatThrownBy(() -> run.apply(input)).as(resume).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void theLambdaHandlerRunsTheBackfillFromItsOwnConfiguration() throws Exception {
        String tenant = "bh" + UUID.randomUUID().toString().substring(0, 8);
        List<Ticket> tickets = legacyTickets(tenant);
        try (ConfigurableApplicationContext context = Emulators.awsContext(TABLE, Map.of("supportdesk.sharded-tenants", tenant))) {
            BackfillHandler handler = new BackfillHandler(context);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream("{\"maxItems\": 100000}".getBytes(StandardCharsets.UTF_8)),
                    output, null);
            JsonNode report = Json.MAPPER.readTree(output.toString(StandardCharsets.UTF_8));
            assertThat(report.path("done").asBoolean()).isTrue();
            assertThat(report.path("rewritten").asInt()).isGreaterThanOrEqualTo(41);
        }
        assertThat(listed(tenant, Optional.empty())).containsExactlyElementsOf(tickets);
        Map<String, AttributeValue> item = Emulators.dynamoDb().getItem(b -> b.tableName(TABLE).key(Map.of(
                "PK", AttributeValue.fromS("T#" + tenant + "#" + tickets.getFirst().id()),
                "SK", AttributeValue.fromS("TICKET")))).item();
        assertThat(item.get("GSI1PK").s()).startsWith("TENANT#" + tenant + "#").hasSize(("TENANT#" + tenant + "#00").length());
    }

    /**
     * An ordinary tenant's items keep the keys of before sharding (one partition per list), so they need no
     * backfill; when the tenant moves up to the big tier its lists read the shards, and the backfill rewrites
     * its tickets onto them (the sweep keys, sharded for every tenant, stay as they are).
     */
    @Test
    void aTenantMovesUpToTheBigTierWhenTheBackfillRewritesItsTickets() {
        String table = tableNamed(TABLE + "-tiers");
        String tenant = "tier" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTicketStore ordinary = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.tiered(ShardTiers.noTenant()));
        DynamoDbTicketStore big = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.tiered(ShardTiers.of(List.of(tenant))));
        List<Ticket> tickets = ticketsWritten(ordinary, tenant, 12, TicketStatus.OPEN, Priority.NORMAL).reversed();
        TicketQuery open = new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.empty(), Optional.empty(), 100);
        assertThat(ordinary.list(open)).containsExactlyElementsOf(tickets);
        assertThat(item(table, tenant, tickets.getFirst()).get("GSI2PK").s()).isEqualTo("TENANT#" + tenant + "#S#OPEN");
        assertThat(new DynamoDbKeyBackfill(Emulators.dynamoDb(), table, ordinary).step(Optional.empty(), 1000).rewritten())
                .as("an ordinary tenant's keys are already right").isZero();
        assertThat(big.list(open)).as("before the backfill, the big tier's lists read only the shards").isEmpty();

        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), table, big));
        assertThat(run.apply("{}")).contains("\"rewritten\":12");
        assertThat(big.list(open)).containsExactlyElementsOf(tickets);
        assertThat(item(table, tenant, tickets.getFirst()).get("GSI2PK").s()).isEqualTo("TENANT#" + tenant + "#S#OPEN#"
                + String.format("%02d", DynamoDbKeys.timeSlicedShard(tickets.getFirst().createdAt(), tickets.getFirst().id(),
                DynamoDbKeys.TENANT_SHARDS / DynamoDbKeys.SLICE_SHARDS, DynamoDbKeys.SLICE_SHARDS)));
    }

    /** A big-tier tenant moved to the middle tier: the backfill rewrites its GSI1-3 keys onto the middle tier's. */
    @Test
    void aTenantMovesFromTheBigToTheMiddleTierWhenTheBackfillRewritesItsTickets() {
        String table = tableNamed(TABLE + "-middle");
        String tenant = "tier" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTicketStore big = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.tiered(ShardTiers.of(List.of(tenant + ":big"))));
        DynamoDbTicketStore middle = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.tiered(ShardTiers.of(List.of(tenant + ":middle"))));
        List<Ticket> tickets = ticketsWritten(big, tenant, 12, TicketStatus.OPEN, Priority.NORMAL).reversed();
        TicketQuery open = new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.empty(), Optional.empty(), 100);
        TicketQuery byRequester = new TicketQuery(tenant, Optional.empty(), Optional.of("alice"), Optional.empty(), 100);
        assertThat(middle.list(byRequester)).as("before the backfill the requester list reads one partition").isEmpty();

        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), table, middle));
        assertThat(run.apply("{}")).contains("\"rewritten\":12");
        assertThat(middle.list(open)).containsExactlyElementsOf(tickets);
        assertThat(middle.list(byRequester)).containsExactlyElementsOf(tickets);
        Ticket first = tickets.getFirst();
        assertThat(item(table, tenant, first).get("GSI2PK").s()).isEqualTo("TENANT#" + tenant + "#S#OPEN#"
                + String.format("%02d", first.createdAt().getEpochSecond() / 2 % 16));
        assertThat(run.apply("{}")).contains("\"rewritten\":0");
    }

    /**
     * Sweep entries written when every bucket had {@link DynamoDbKeys#SWEEP_SHARDS} shards: those in a shard beyond
     * their bucket's count today are not swept until the backfill moves them; a second run moves nothing.
     */
    @Test
    void theBackfillMovesSweepEntriesOfTheOldShardCountsOntoTheirBucketsShards() {
        String table = tableNamed(TABLE + "-sweeps");
        String tenant = "sw" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTicketStore everyBucketOn256 = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                new DynamoDbKeys(DynamoDbKeys.TENANT_SHARDS, DynamoDbKeys.SWEEP_SHARDS, ShardTiers.noTenant()));
        DynamoDbTicketStore today = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.tiered(ShardTiers.noTenant()));
        String bucket = SweepKey.inactive(TicketStatus.RESOLVED, Priority.HIGH);
        assertThat(today.keys().sweepShards(bucket)).isLessThan(DynamoDbKeys.SWEEP_SHARDS);
        List<Ticket> tickets = ticketsWritten(everyBucketOn256, tenant, 30, TicketStatus.RESOLVED, Priority.HIGH);
        SweepQuery due = new SweepQuery(bucket, AT.plusSeconds(60), Optional.empty(), 100);
        assertThat(today.sweep(due)).as("only the entries whose old shard is one of today's")
                .hasSizeLessThan(tickets.size());

        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), table, today));
        assertThat(run.apply("{}")).contains("\"done\":true");
        assertThat(today.sweep(due)).extracting(SweepEntry::ticketId)
                .containsExactlyElementsOf(tickets.stream().map(Ticket::id).toList());
        assertThat(run.apply("{}")).contains("\"rewritten\":0");
    }

    /**
     * Lowering the sweep write rate (here the design rate's counts to the default's, as a deployment upgrading to the
     * setting does): the entries above the new counts are missed until the backfill moves them.
     */
    @Test
    void theBackfillMovesSweepEntriesOntoTheCountsOfALowerSweepWriteRate() {
        String table = tableNamed(TABLE + "-rate");
        String tenant = "rt" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTicketStore atDesignRate = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.production(ShardTiers.noTenant(), SweepShards.forRate(SweepShards.DESIGN_WRITE_RATE)));
        DynamoDbTicketStore lowered = new DynamoDbTicketStore(Emulators.dynamoDb(), table,
                DynamoDbKeys.production(ShardTiers.noTenant(), SweepShards.forRate(1_000)));
        String bucket = SweepKey.inactive(TicketStatus.OPEN, Priority.NORMAL);
        assertThat(lowered.keys().sweepShards(bucket)).isEqualTo(2);
        assertThat(atDesignRate.keys().sweepShards(bucket)).isEqualTo(160);
        List<Ticket> tickets = ticketsWritten(atDesignRate, tenant, 30, TicketStatus.OPEN, Priority.NORMAL);
        SweepQuery due = new SweepQuery(bucket, AT.plus(Duration.ofDays(365)), Optional.empty(), 100);
        assertThat(atDesignRate.sweep(due)).hasSize(tickets.size());
        assertThat(lowered.sweep(due)).as("only the entries in the lowered count's 2 shards").hasSizeLessThan(tickets.size());

        KeyBackfillRun run = new KeyBackfillRun(new DynamoDbKeyBackfill(Emulators.dynamoDb(), table, lowered));
        assertThat(run.apply("{}")).contains("\"done\":true");
        assertThat(lowered.sweep(due)).extracting(SweepEntry::ticketId)
                .containsExactlyElementsOf(tickets.stream().map(Ticket::id).toList());
        assertThat(run.apply("{}")).contains("\"rewritten\":0");
    }

    /** {@code count} tickets of the tenant a second apart from {@link #AT}, written through {@code store}; oldest first. */
    private static List<Ticket> ticketsWritten(DynamoDbTicketStore store, String tenant, int count, TicketStatus status,
                                               Priority priority) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), tenant, "alice", "s", "d", priority, status, null,
                    AT.plusSeconds(i), AT.plusSeconds(i), 1);
            store.create(ticket);
            tickets.add(ticket);
        }
        return tickets;
    }

    private static Map<String, AttributeValue> item(String table, String tenant, Ticket ticket) {
        return Emulators.dynamoDb().getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("T#" + tenant + "#" + ticket.id()), "SK", AttributeValue.fromS("TICKET")))).item();
    }
}
