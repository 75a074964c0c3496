package dev.supportdesk.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Lambda Invoke API (the Lambda service cannot run here; moto's runs functions in
 * Docker): records each {@code POST /2015-03-31/functions/{name}/invocations} with its invocation type
 * and payload and answers as Lambda does for an asynchronous invocation (202, empty body).
 */
final class RecordedLambdaInvocations {

    record Invocation(String path, String invocationType, String payload) {
    }

    private static HttpServer server;
    private static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();

    static synchronized URI endpoint() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/2015-03-31/functions/", exchange -> {
                String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                INVOCATIONS.add(new Invocation(exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), payload));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static List<Invocation> all() {
        return List.copyOf(INVOCATIONS);
    }
}
