package dev.supportdesk.aws.runtime;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local (Maven Central) as an HTTP server in the test's JVM, in memory (or on disk, to be
 * stopped and started again), for functions that run in another process (under the Runtime Interface
 * Emulator) and for clients that reach it by endpoint.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private final String[] arguments;
    private final URI endpoint;
    private DynamoDBProxyServer server;

    private DynamoDbLocalServer(String[] arguments, int port) throws Exception {
        this.arguments = arguments;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        restart();
    }

    public static DynamoDbLocalServer start() throws Exception {
        int port = freePort();
        return new DynamoDbLocalServer(new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"}, port);
    }

    /** A server whose tables live in one SQLite file in {@code folder}, so that they survive {@link #stop()}. */
    public static DynamoDbLocalServer startOnDisk(Path folder) throws Exception {
        Files.createDirectories(folder);
        int port = freePort();
        return new DynamoDbLocalServer(new String[] {"-dbPath", folder.toString(), "-sharedDb", "-port",
                Integer.toString(port), "-disableTelemetry"}, port);
    }

    /** Stops serving: the port is closed, as a stopped service's would be. */
    public void stop() throws Exception {
        server.stop();
    }

    /** Serves again on the same port (with the same data, when on disk). */
    public void restart() throws Exception {
        server = ServerRunner.createServerFromCommandLineArgs(arguments);
        server.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
