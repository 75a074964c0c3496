package dev.supportdesk.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The store the AOT training run talks to ({@code AWS_ENDPOINT_URL}, set by {@code src/aot/train.sh}):
 * every DynamoDB call answers "nothing found", so training runs the SDK's response path (unmarshalling,
 * the stores' mapping, the steps' output) that a refused connection would skip; the cache then holds
 * what a real first request loads. Never part of a function's run.
 */
final class TrainingEndpoint implements AutoCloseable {

    private static final byte[] NOTHING_FOUND = "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private TrainingEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves on the host and port of {@code endpoint}. */
    static TrainingEndpoint serve(URI endpoint) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, NOTHING_FOUND.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(NOTHING_FOUND);
            }
        });
        server.start();
        return new TrainingEndpoint(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
