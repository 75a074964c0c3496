import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.local.LocalApplication;
import dev.supportdesk.local.tokens.TokenMinter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The warm API path as a caller meets it on the local runtime: two instances of the local Spring Boot app
 * ({@link LocalApplication}) side by side in this JVM, each on a free loopback port with its own H2 file database,
 * one with telemetry as shipped (the registry, correlation, the log context, JSON log lines as configured), one with
 * {@code supportdesk.local.telemetry=false}. Both are started alike, get the same data (one ticket and thirty more)
 * and share this JVM's JIT, GC and logging. A {@link HttpClient} per app (HTTP/1.1, keep-alive, one connection:
 * calls are sequential) sends {@code GET /tickets/{id}} with a bearer token, with and without a traceparent, in
 * blocks that alternate between the apps in rotating order; every call is timed from send to body read.
 * Rate limiting is off on both (it would answer 429 to this load), as is the workflow schedule.
 *
 * <p>Usage: java HttpOverhead [rounds] [calls per block]
 */
public final class HttpOverhead {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        String[] names = {"off", "on"};
        Side[] sides = {Side.start(false), Side.start(true)};
        try {
            for (Side side : sides) {
                side.check();
            }
            for (int w = 0; w < 5; w++) {
                for (Side side : sides) {
                    side.run(block, null);
                }
            }
            long[][] samples = new long[2][rounds * block];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int s = (round + k) % 2;
                    long[] into = new long[block];
                    sides[s].run(block, into);
                    System.arraycopy(into, 0, samples[s], round * block, block);
                }
            }
            double[] p50 = new double[2];
            double[] p90 = new double[2];
            for (int s = 0; s < 2; s++) {
                Arrays.sort(samples[s]);
                p50[s] = samples[s][samples[s].length / 2] / 1000.0;
                p90[s] = samples[s][(int) (samples[s].length * 0.9)] / 1000.0;
            }
            System.err.printf(Locale.ROOT, "http: local app over loopback, GET /tickets/{id} (with and without traceparent); "
                    + "calls per side: %d (%d rounds x %d)%n", rounds * block, rounds, block);
            for (int s = 0; s < 2; s++) {
                System.err.printf(Locale.ROOT, "%-4s p50 %7.1f us  p90 %7.1f us%n", names[s], p50[s], p90[s]);
            }
            System.err.printf(Locale.ROOT, "overhead: p50 %+.1f %%, p90 %+.1f %% (goal < 5 %% at p50)%n",
                    100 * (p50[1] / p50[0] - 1), 100 * (p90[1] / p90[0] - 1));
        } finally {
            for (Side side : sides) {
                side.context.close();
            }
        }
        System.exit(0); // the clients' executor threads
    }

    private record Side(boolean telemetry, ConfigurableApplicationContext context, HttpClient client,
                        List<HttpRequest> requests) {

        static Side start(boolean telemetry) throws Exception {
            Path data = Path.of("target/telemetry-bench/http-" + (telemetry ? "on-" : "off-") + System.nanoTime());
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalApplication.class)
                    .run("--server.port=0", "--supportdesk.local.data-dir=" + data,
                            "--supportdesk.local.workflow-schedule=off", "--supportdesk.local.rate-limit.enabled=false",
                            "--supportdesk.local.telemetry=" + telemetry);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String token = context.getBean(TokenMinter.class)
                    .mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofHours(2)).token();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newSingleThreadExecutor()).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            String id = null;
            for (int i = 0; i <= 30; i++) {
                HttpResponse<byte[]> created = client.send(HttpRequest.newBuilder(base.resolve("/tickets"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.object().put("subject", i == 0 ? "Printer" : "Ticket " + i)
                                .put("description", "It is on fire").toString())).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("setup failed: " + created.statusCode() + " " + new String(created.body()));
                }
                if (i == 0) {
                    id = Json.MAPPER.readTree(created.body()).path("id").asText();
                }
            }
            URI get = base.resolve("/tickets/" + id);
            return new Side(telemetry, context, client, List.of(
                    HttpRequest.newBuilder(get).header("Authorization", "Bearer " + token).header("traceparent", TRACEPARENT).build(),
                    HttpRequest.newBuilder(get).header("Authorization", "Bearer " + token).build()));
        }

        /** Both answer 200; on tags the response, off does not. Else the ratio lies. */
        void check() throws Exception {
            for (HttpRequest request : requests) {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200 || response.headers().firstValue("X-Request-Id").isPresent() != telemetry) {
                    throw new IllegalStateException("telemetry " + telemetry + ": " + response.statusCode() + " " + response.headers());
                }
            }
        }

        void run(int calls, long[] into) throws Exception {
            for (int i = 0; i < calls; i++) {
                HttpRequest request = requests.get(i % requests.size());
                long start = System.nanoTime();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET answered " + response.statusCode());
                }
                if (into != null) {
                    into[i] = took;
                }
            }
        }
    }
}
