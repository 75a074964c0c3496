import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.InMemoryTicketStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ticket stores the telemetry benchmark reads from: in memory, the local runtime's H2 store as the local app
 * configures it, or the AWS runtime's DynamoDB store over HTTP to DynamoDB Local (started here, in-process, on a
 * free port, its files under {@code target/telemetry-bench}, and stopped at the end).
 */
final class BenchmarkStores {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    private BenchmarkStores() {
    }

    /**
     * Log levels as the runtimes run: INFO (Logback's default without a configuration file is DEBUG), and DynamoDB
     * Local's own server (in this process) at WARN, so that it does not write a line per request.
     */
    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        for (String noisy : List.of("com.amazonaws.services.dynamodbv2", "org.eclipse.jetty")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static TicketStore open(String name) throws Exception {
        return switch (name) {
            case "memory" -> new InMemoryTicketStore();
            case "h2" -> h2();
            case "dynamodb" -> dynamoDb();
            default -> throw new IllegalArgumentException("store is memory, h2 or dynamodb, not " + name);
        };
    }

    static void close() throws Exception {
        for (AutoCloseable closeable : OPEN.reversed()) {
            closeable.close();
        }
        OPEN.clear();
    }

    /** As {@code LocalConfiguration} does: a Hikari pool over an H2 file database. */
    private static TicketStore h2() throws IOException {
        Path directory = Files.createTempDirectory(Path.of("target/telemetry-bench"), "h2-");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("supportdesk") + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setPoolName("telemetry-bench-h2");
        HikariDataSource dataSource = new HikariDataSource(config);
        OPEN.add(dataSource);
        JdbcTicketStore store = new JdbcTicketStore(dataSource);
        store.createSchema();
        return store;
    }

    /** DynamoDB Local's HTTP server and the SDK client the Lambda builds (URL connection HTTP client). */
    private static TicketStore dynamoDb() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory(Path.of("target/telemetry-bench"), "dynamodb-");
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-dbPath", data.toString(), "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        OPEN.add(server::stop);
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        OPEN.add(client);
        EmulatorsAccess.createTicketTable(client, "telemetry-bench");
        return new DynamoDbTicketStore(client, "telemetry-bench");
    }
}
