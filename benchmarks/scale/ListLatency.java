import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.tickets.ListPosition;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * List latency on the emulators, the keys before sharding (one partition per tenant list) against the tiered
 * keys ({@link ShardTiers}: an ordinary tenant on one partition, the big tier's tenant on all shards), in one
 * run: a tenant's tickets written once through each layout, then a page of 50 of the tenant's open tickets
 * (GSI2 / the status index) read alternately through each, from the top and from a position further down.
 * Prints p50 and p90 of each and the ratio tiered / unsharded, for an ordinary tenant and for the big one.
 *
 * <p>DynamoDB Local runs in-process; Azurite is started here (npm {@code azurite}) on a free port and
 * stopped by its process handle at the end.
 *
 * <p>Rounds step through 8 phases of the 2-second slice ({@link #PHASE}), for the first page and the deeper one.
 * Tickets arrive at random (exponential gaps), the same tickets in both layouts.
 *
 * <p>On DynamoDB Local the big tier's tenant is measured at the tier's floor (a ticket every 5 ms, about 2,000
 * ticket writes/s, its newest page in the newest slot's shards) and quiet, below the tier's range (one every 2 minutes, as the ordinary tenant); a
 * middle-tier tenant at the tier's floor (one every 50 ms, about 200 ticket writes/s) and quiet. On Azurite the big tier is read
 * as on Cosmos DB for Table (the tenant's partition-key range in one query); Table Storage refuses the big tier.
 *
 * <p>Usage: java ListLatency [tickets] [rounds] [dynamodb]   (defaults 2000 200; "dynamodb": DynamoDB Local only)
 */
public final class ListLatency {

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    /** The benchmark's big-tier tenant: the one tenant {@link #TIERS} shards. */
    private static final String BIG = "big" + UUID.randomUUID().toString().substring(0, 6);
    private static final String BIG_REQUESTER = "bigreq" + UUID.randomUUID().toString().substring(0, 6);
    private static final String INTEGRATION = "integration-bot";
    private static final String MIDDLE = "middle" + UUID.randomUUID().toString().substring(0, 6);
    private static final String MIDDLE_QUIET = "midquiet" + UUID.randomUUID().toString().substring(0, 6);
    private static final String BIG_QUIET = "bigquiet" + UUID.randomUUID().toString().substring(0, 6);
    /** Each measured tenant is 8 tenants, one per {@link #PHASE} (see there). */
    private static final int PHASES = 8;
    private static final ShardTiers TIERS = ShardTiers.of(java.util.stream.Stream.of(BIG + "#:big", BIG_QUIET + "#:big",
                    BIG_REQUESTER + "#:big", MIDDLE + "#:middle", MIDDLE_QUIET + "#:middle")
            .flatMap(entry -> java.util.stream.IntStream.range(0, PHASES).mapToObj(phase -> entry.replace("#", "" + phase)))
            .toList());
    /** Time between two tickets of a tenant: about 3 days of a busy queue, or a big-tier tenant's pace. */
    private static final Duration QUIET = Duration.ofMinutes(2);
    /** The big tier's floor: 2,000 ticket writes/s (docs/scale.md) are about 200 new tickets/s. */
    private static final Duration BUSY = Duration.ofMillis(5);
    /** The middle tier's floor: 200 ticket writes/s (docs/scale.md) are about 20 new tickets/s. */
    private static final Duration FLOOR = Duration.ofMillis(50);

    /**
     * Where a page starts in its 2-second slice decides how the time-sliced store reads it, so each measured
     * tenant is {@link #PHASES} tenants whose newest tickets are {@code PHASE} apart, and the rounds take turns
     * over them; the reader's clock is the newest ticket of the tenant it lists (a first page starts "now"), the
     * deeper page starts at the tenant's ticket a third down.
     */
    private static final Duration PHASE = DynamoDbKeys.SLICE.dividedBy(8);
    /** The newest ticket of a tenant's {@code phase}: the reader's clock when it lists that tenant. */
    private static Instant newest(int phase) {
        return NOW.minus(PHASE.multipliedBy(phase));
    }

    private static final AtomicReference<Instant> READER_NOW = new AtomicReference<>(NOW);
    private static final Clock READER_CLOCK = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return READER_NOW.get();
        }
    };

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        DynamoDbClient dynamoDb = DynamoDBEmbedded.create().dynamoDbClient();
        createTable(dynamoDb, "bench");
        DynamoDbTicketStore dynamoBefore = new DynamoDbTicketStore(dynamoDb, "bench", DynamoDbKeys.UNSHARDED);
        // the tickets end at NOW: for a busy tenant that is what the reader's clock says
        DynamoDbTicketStore dynamoTiered = new DynamoDbTicketStore(counting(dynamoDb), "bench", DynamoDbKeys.tiered(TIERS),
                READER_CLOCK);
        compare("DynamoDB Local, ordinary tenant (1 partition)", dynamoBefore, dynamoTiered, ordinary(), tickets, rounds,
                QUIET);
        compare("DynamoDB Local, big tenant at the tier's floor (200 tickets/s: the newest slot's 4 shards)", dynamoBefore, dynamoTiered,
                BIG, tickets, rounds, BUSY);
        compare("DynamoDB Local, middle-tier tenant at the tier's floor (20 tickets/s: a page spans 2-3 slots of 1 shard)",
                dynamoBefore, dynamoTiered, MIDDLE, tickets, rounds, FLOOR);
        compare("DynamoDB Local, middle-tier tenant, quiet, below the tier's range (1 ticket/2 min: all 16 shards)",
                dynamoBefore, dynamoTiered, MIDDLE_QUIET, tickets, rounds, QUIET);
        compare("DynamoDB Local, big tenant, one requester's list (an integration account filing 200 tickets/s: 4 shards)",
                dynamoBefore, dynamoTiered, BIG_REQUESTER, tickets, rounds, BUSY, true);
        compare("DynamoDB Local, big tenant, quiet, below the tier's range (1 ticket/2 min: all 64 shards)", dynamoBefore,
                dynamoTiered, BIG_QUIET, tickets, rounds, QUIET);
        if (args.length > 2 && args[2].equals("dynamodb")) {
            System.exit(0);
        }
        Process azurite = startAzurite();
        try {
            TableClient table = new TableServiceClientBuilder().connectionString(connectionString)
                    .httpClient(new JdkHttpClientBuilder().build()).buildClient().createTableIfNotExists("bench");
            TableTicketStore unsharded = new TableTicketStore(table, o -> table.listEntities(o, null, null),
                    Clock.systemUTC(), TableKeys.UNSHARDED);
            // the big tier is refused on Table Storage (docs/scale.md): its tenant is measured on the Cosmos DB path only
            TableTicketStore range = new TableTicketStore(table, o -> table.listEntities(o, null, null),
                    Clock.systemUTC(), TableKeys.tiered(TIERS), TableTicketStore.ShardReads.PARTITION_RANGE);
            compare("Azurite, ordinary tenant (1 partition)", unsharded, range, ordinary(), tickets, rounds, QUIET);
            compare("Azurite, big tenant, one partition-range query (Cosmos DB path)", unsharded, range, BIG, tickets,
                    rounds, QUIET);
        } finally {
            azurite.destroy();
            azurite.waitFor();
        }
        System.exit(0);
    }

    private static String ordinary() {
        return "ordinary" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static void compare(String emulator, TicketStore before, TicketStore after, String tenantAfter, int tickets,
                                int rounds, Duration spacing) {
        compare(emulator, before, after, tenantAfter, tickets, rounds, spacing, false);
    }

    /**
     * @param byRequester every ticket filed by one requester (an integration account), listed by requester (GSI3),
     *                    not by status
     */
    private static void compare(String emulator, TicketStore before, TicketStore after, String tenantAfter, int tickets,
                                int rounds, Duration spacing, boolean byRequester) {
        String tenantBefore = "before" + UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random(7);
        List<ListPosition> deeper = new ArrayList<>();
        for (int phase = 0; phase < PHASES; phase++) {
            Instant at = newest(phase);
            for (int i = 0; i < tickets; i++) {
                // most of them open; arrivals at random (exponential gaps of mean spacing), newest first
                if (i > 0) {
                    at = at.minusMillis(Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * spacing.toMillis())));
                }
                TicketStatus status = random.nextInt(5) == 0 ? TicketStatus.IN_PROGRESS : TicketStatus.OPEN;
                String id = UUID.randomUUID().toString();
                String requester = byRequester ? INTEGRATION : "user" + random.nextInt(100);
                before.create(new Ticket(id, tenantBefore + phase, requester, "s", "d", Priority.NORMAL, status, null, at,
                        at, 1));
                after.create(new Ticket(id, tenantAfter + phase, requester, "s", "d", Priority.NORMAL, status, null, at,
                        at, 1));
                if (i == tickets / 3) {
                    deeper.add(new ListPosition(at, id));
                }
            }
        }
        long[][] times = new long[2][2 * rounds];
        for (int round = -20; round < rounds; round++) {
            int phase = Math.floorMod(round, PHASES);
            READER_NOW.set(newest(phase));
            for (int side = 0; side < 2; side++) {
                TicketStore store = side == 0 ? before : after;
                String tenant = (side == 0 ? tenantBefore : tenantAfter) + phase;
                for (Optional<ListPosition> from : List.of(Optional.<ListPosition>empty(), Optional.of(deeper.get(phase)))) {
                    if (side == 1 && round == 0 && from.isEmpty()) {
                        QUERIES.set(0);
                        ITEMS_READ.set(0);
                    }
                    long start = System.nanoTime();
                    List<Ticket> page = store.list(byRequester
                            ? new TicketQuery(tenant, Optional.empty(), Optional.of(INTEGRATION), from, 51)
                            : new TicketQuery(tenant, Optional.of(TicketStatus.OPEN), Optional.empty(), from, 51));
                    long took = System.nanoTime() - start;
                    if (page.size() != 51) {
                        throw new IllegalStateException("a page of " + page.size());
                    }
                    if (round >= 0) {
                        times[side][2 * round + (from.isEmpty() ? 0 : 1)] = took;
                    }
                }
            }
        }
        double p50Before = percentile(times[0], 50);
        double p50After = percentile(times[1], 50);
        System.out.printf(Locale.ROOT, "%s: page of 50 open tickets, %d tickets, %d rounds: unsharded p50 %.1f ms p90 %.1f ms"
                        + " | tiered p50 %.1f ms p90 %.1f ms | ratio p50 %.2fx%n", emulator, tickets, rounds, p50Before,
                percentile(times[0], 90), p50After, percentile(times[1], 90), p50After / p50Before);
        if (QUERIES.get() > 0) {
            System.out.printf(Locale.ROOT, "  tiered DynamoDB: %.1f queries and %.1f items read per page%n",
                    QUERIES.get() / (2.0 * rounds), ITEMS_READ.get() / (2.0 * rounds));
        }
        QUERIES.set(0);
    }

    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static final AtomicInteger ITEMS_READ = new AtomicInteger();

    /** The client, counting the queries sent and the items they returned (load-independent cost of a page). */
    private static DynamoDbClient counting(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(ListLatency.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(client, args);
                        if (result instanceof QueryResponse response) {
                            QUERIES.incrementAndGet();
                            ITEMS_READ.addAndGet(response.count());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    private static void createTable(DynamoDbClient client, String name) {
        List<String> keys = List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "GSI4PK", "GSI4SK");
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (String index : DynamoDbKeys.INDEXES) {
            indexes.add(GlobalSecondaryIndex.builder().indexName(index)
                    .keySchema(key(index + "PK", KeyType.HASH), key(index + "SK", KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        }
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder().attributeName(k)
                        .attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE)).globalSecondaryIndexes(indexes));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static String connectionString;

    private static Process startAzurite() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path location = Files.createDirectories(Path.of("azurite"));
        Process process = new ProcessBuilder("azurite-table", "--silent", "--inMemoryPersistence", "--disableTelemetry",
                "--skipApiVersionCheck", "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(port))
                .directory(location.toFile()).redirectErrorStream(true)
                .redirectOutput(location.resolve("azurite.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroy();
                    throw new IllegalStateException("azurite-table did not start; see " + location.resolve("azurite.log"));
                }
                Thread.sleep(100);
            }
        }
        connectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + "TableEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
        return process;
    }
}
