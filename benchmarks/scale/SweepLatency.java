import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowSettings;
import dev.supportdesk.workflow.WorkflowSteps;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One warm workflow find-due step of the escalation rule on DynamoDB Local over HTTP, with the Lambda's client
 * (URL-connection HTTP client) and the production key layout of whichever build is on the class path. It prints
 * the queries a step sends, the wall time of each measured step (p50, min, max) and the JVM's peak RSS, so
 * run-sweep-latency.sh can run it on the code before and after a change, alternately, and take the ratio.
 *
 * <p>Data: 300 tickets per escalation bucket (OPEN and IN_PROGRESS, LOW to HIGH), a tenth of them due.
 *
 * <p>Usage: java SweepLatency [warm-up steps] [measured steps]
 */
public final class SweepLatency {

    private static final String TABLE = "sweep-bench";

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        AtomicInteger queries = new AtomicInteger();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            queries.incrementAndGet();
                        }
                    }
                })).build()) {
            createTable(client);
            DynamoDbTicketStore tickets = new DynamoDbTicketStore(client, TABLE, DynamoDbKeys.tiered(ShardTiers.noTenant()));
            DynamoDbWorkflowStore workflows = new DynamoDbWorkflowStore(client, TABLE);
            WorkflowRuns runs = new WorkflowRuns(workflows, Clock.systemUTC());
            WorkflowSteps steps = new WorkflowSteps(tickets, workflows, runs, WorkflowSettings.defaults(),
                    (tenant, ticketId, attachmentId, blobKey) -> { });
            WorkflowRuns.RunRef run = runs.manual();
            runs.create(run);
            seed(tickets, run.asOf());
            JsonNode input = Json.object().put("runId", run.runId()).put("asOf", run.asOf().toString())
                    .put("rule", "ESCALATE").putNull("cursor").put("round", 0);
            for (int i = 0; i < warmUp; i++) {
                steps.findDue(input);
            }
            List<Double> millis = new ArrayList<>();
            int found = 0;
            queries.set(0);
            for (int i = 0; i < measured; i++) {
                long started = System.nanoTime();
                JsonNode out = steps.findDue(input);
                millis.add((System.nanoTime() - started) / 1e6);
                found = 0;
                for (JsonNode batch : out.path("batches")) {
                    found += batch.path("items").size();
                }
            }
            millis.sort(Double::compare);
            System.out.printf(Locale.ROOT, "queries/step %d found %d p50 %.1f ms min %.1f max %.1f peakRSS %d MB%n",
                    queries.get() / measured, found, millis.get(millis.size() / 2), millis.getFirst(), millis.getLast(),
                    peakRssMb());
        } finally {
            server.stop();
        }
        System.exit(0); // DynamoDB Local leaves threads behind
    }

    private static void seed(DynamoDbTicketStore tickets, Instant asOf) {
        Random random = new Random(15);
        for (TicketStatus status : List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS)) {
            for (Priority priority : List.of(Priority.LOW, Priority.NORMAL, Priority.HIGH)) {
                for (int i = 0; i < 300; i++) {
                    // a tenth idle for 5 days (due at every SLA), the rest active within the last hour
                    Instant at = i % 10 == 0 ? asOf.minus(Duration.ofDays(5)).plusSeconds(i)
                            : asOf.minusSeconds(random.nextInt(3600));
                    tickets.create(new Ticket(new UUID(random.nextLong(), random.nextLong()).toString(),
                            "tenant" + random.nextInt(50), "alice", "s", "d", priority, status, null, at, at, 1));
                }
            }
        }
    }

    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1 << 20);
    }

    private static void createTable(DynamoDbClient client) {
        List<String> keys = List.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "GSI4PK",
                "GSI4SK");
        client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(keys.stream().map(key -> AttributeDefinition.builder()
                        .attributeName(key).attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .globalSecondaryIndexes(List.of("GSI1", "GSI2", "GSI3", "GSI4").stream().map(index ->
                        GlobalSecondaryIndex.builder().indexName(index)
                                .keySchema(key(index + "PK", KeyType.HASH), key(index + "SK", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build()).toList()));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
