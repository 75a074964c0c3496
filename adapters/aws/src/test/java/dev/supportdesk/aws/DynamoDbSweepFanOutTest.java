package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.runtime.DynamoDbLocalServer;
import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.aws.store.SweepShards;
import dev.supportdesk.config.Functional;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowSettings;
import dev.supportdesk.workflow.WorkflowSteps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What a workflow find-due step costs on DynamoDB: DynamoDB Local over HTTP, the production key layout at the
 * default sweep write rate and at the design rate, and a client that counts the queries it sends and how many
 * are in flight at once.
 */
class DynamoDbSweepFanOutTest {

    private static final String TABLE = "supportdesk-sweep-fan-out";
    private static final List<String> ESCALATION_BUCKETS = List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS).stream()
            .flatMap(status -> List.of(Priority.LOW, Priority.NORMAL, Priority.HIGH).stream()
                    .map(priority -> SweepKey.inactive(status, priority)))
            .toList();

    private static final QueryCounter queries = new QueryCounter();
    private static DynamoDbLocalServer server;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() throws Exception {
        server = DynamoDbLocalServer.start();
        client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(queries)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void atTheDefaultRateAnEscalationFindDueStepQueriesAFewShards() {
        SweepProperties unset = Functional.bind(new GenericApplicationContext(), "supportdesk", SweepProperties.class);
        DynamoDbKeys keys = DynamoDbKeys.production(ShardTiers.noTenant(), unset.sweepShards());
        int sent = findDueQueries("default", keys, keys);
        assertThat(sent).as("one query per shard of the six buckets, 1 or 2 each").isEqualTo(shards(keys)).isEqualTo(7);
        System.out.printf("escalation find-due step at %,d writes/s (the default): %d queries%n", unset.sweepWriteRate(), sent);
    }

    @Test
    void atTheDesignRateAnEscalationFindDueStepQueriesEachShardOfItsSixBucketsOnceAFewAtATime() {
        DynamoDbKeys keys = DynamoDbKeys.production(ShardTiers.noTenant(), SweepShards.forRate(SweepShards.DESIGN_WRITE_RATE));
        int sent = findDueQueries("design", keys, keys);
        assertThat(sent).as("one query per shard of the six buckets").isEqualTo(shards(keys))
                .as("sized by their writes; 1,536 when every bucket had 256 shards").isEqualTo(362);
        System.out.printf("escalation find-due step at %,d writes/s: %d queries%n", SweepShards.DESIGN_WRITE_RATE, sent);
    }

    @Test
    void aReaderSizedForAHigherRateFindsTheEntriesWrittenAtALowerOne() {
        DynamoDbKeys writer = DynamoDbKeys.production(ShardTiers.noTenant(), SweepShards.forRate(1_000));
        DynamoDbKeys reader = DynamoDbKeys.production(ShardTiers.noTenant(), SweepShards.forRate(100_000));
        assertThat(findDueQueries("raised", writer, reader)).isEqualTo(shards(reader));
    }

    /**
     * Writes three due tickets to each escalation bucket through {@code writer}'s keys, in a table of their own,
     * runs one find-due step through {@code reader}'s, asserts it finds exactly them and at most
     * {@link DynamoDbTicketStore#SWEEP_READS_AT_ONCE} queries at once, and returns how many queries it sent.
     */
    private static int findDueQueries(String table, DynamoDbKeys writer, DynamoDbKeys reader) {
        String name = TABLE + "-" + table;
        Emulators.createTable(client, name);
        DynamoDbTicketStore written = new DynamoDbTicketStore(client, name, writer);
        DynamoDbTicketStore tickets = new DynamoDbTicketStore(client, name, reader);
        DynamoDbWorkflowStore workflows = new DynamoDbWorkflowStore(client, name);
        WorkflowRuns runs = new WorkflowRuns(workflows, Clock.systemUTC());
        WorkflowSteps steps = new WorkflowSteps(tickets, workflows, runs, WorkflowSettings.defaults(),
                (tenant, ticketId, attachmentId, blobKey) -> { });
        WorkflowRuns.RunRef run = runs.manual();
        runs.create(run);
        List<String> due = new ArrayList<>();
        for (String bucket : ESCALATION_BUCKETS) {
            for (int i = 0; i < 3; i++) {
                String[] parts = bucket.split("#");
                Instant idle = run.asOf().minus(Duration.ofDays(4)).plusSeconds(i);
                Ticket ticket = new Ticket(UUID.randomUUID().toString(), "fan-out", "alice", "s", "d",
                        Priority.valueOf(parts[2]), TicketStatus.valueOf(parts[1]), null, idle, idle, 1);
                written.create(ticket);
                due.add(ticket.id());
            }
        }

        queries.reset();
        JsonNode found = steps.findDue(Json.object().put("runId", run.runId()).put("asOf", run.asOf().toString())
                .put("rule", "ESCALATE").putNull("cursor").put("round", 0));

        List<String> ticketIds = new ArrayList<>();
        found.path("batches").forEach(batch -> batch.path("items").forEach(item -> ticketIds.add(item.path("ticketId").asText())));
        assertThat(ticketIds).containsExactlyInAnyOrderElementsOf(due);
        assertThat(queries.mostInFlight.get()).isLessThanOrEqualTo(DynamoDbTicketStore.SWEEP_READS_AT_ONCE);
        return queries.sent.get();
    }

    private static int shards(DynamoDbKeys keys) {
        return ESCALATION_BUCKETS.stream().mapToInt(keys::sweepShards).sum();
    }

    /** Counts the Query requests a client sends and the most of them in flight at once. */
    static final class QueryCounter implements ExecutionInterceptor {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        void reset() {
            sent.set(0);
            mostInFlight.set(0);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest) {
                sent.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest) {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest) {
                inFlight.decrementAndGet();
            }
        }
    }
}
