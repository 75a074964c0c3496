package bench.floor;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Training run of the FLOOR's own AOT cache (its best JVM options), trained exactly as the project's
 * (dev.supportdesk.aws.AotTraining): both handlers against a store at AWS_ENDPOINT_URL that answers
 * every call with "nothing found", so the SDK's response path is in the cache too.
 */
public final class Train {

    private static final byte[] NOTHING_FOUND = "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(System.getenv("AWS_ENDPOINT_URL"));
        HttpServer store = HttpServer.create(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 16);
        store.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, NOTHING_FOUND.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(NOTHING_FOUND);
            }
        });
        store.start();
        for (Runnable call : new Runnable[] {
                () -> invoke(new FloorApiHandler(), "{\"rawPath\":\"/tickets/x\"}"),
                () -> invoke(new FloorStepHandler(), "{}")}) {
            try {
                call.run();
            } catch (Throwable e) {
                // the point is the code path
            }
        }
        store.stop(0);
        System.exit(0);
    }

    private static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
