import dev.supportdesk.aws.telemetry.EmfTelemetry;
import dev.supportdesk.config.HealthRoutes;
import dev.supportdesk.http.Correlation;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.Router;
import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.Identity;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.tickets.TicketRoutes;
import dev.supportdesk.tickets.TicketService;
import dev.supportdesk.tickets.TicketSettings;
import dev.supportdesk.tickets.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The cost of telemetry on the warm API path, in-process: the {@code api} function (the real router over
 * the health and ticket routes, an in-memory store) called with a mix of requests, in alternating blocks:
 *
 * <ul>
 *   <li>off: the router with {@link Telemetry#noop()}, called directly (no log context, no correlation headers);
 *   <li>local: the router reporting to the in-process {@link MetricRegistry}, called through
 *       {@link Correlation#serve} (request id, traceparent, MDC, response headers), as the local runtime does;
 *   <li>aws: the same with {@link EmfTelemetry} (each measurement formatted as an EMF JSON line; the line is
 *       discarded instead of written to stdout) plus the registry, as the AWS runtime does.
 * </ul>
 *
 * Every call is timed; the figure is p50(on) / p50(off) over all calls of each side.
 *
 * <p>The store is the third argument: {@code memory} (the default: an in-memory store, the pure handler path, where
 * a request costs a few microseconds), {@code h2} (the local runtime's {@code JdbcTicketStore} on an H2 file
 * database through Hikari, as the local app runs it) or {@code dynamodb} (the AWS runtime's
 * {@code DynamoDbTicketStore} over HTTP to DynamoDB Local, with the SDK client the Lambda builds). With a real
 * store the mix is {@code GET /tickets/{id}}, with and without an incoming traceparent: the warm API path.
 *
 * <p>A fourth argument {@code handler} runs every side behind the AWS API handler's work ({@link GatewayEvents}): the
 * API Gateway event's bytes parsed and mapped, the response mapped and serialised, with the mix
 * {@code GET /tickets/{id}} with and without a traceparent.
 *
 * <p>Usage: java TelemetryOverhead [rounds] [calls per block] [memory|h2|dynamodb] [handler]
 */
public final class TelemetryOverhead {

    private static final String[] MIXED = {"get", "list", "health", "404"};
    private static final String[] GETS = {"get+tp", "get"};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        String storeName = args.length > 2 ? args[2] : "memory";
        boolean throughHandler = args.length > 3 && "handler".equals(args[3]);

        BenchmarkStores.quietLogs();
        TicketStore store = BenchmarkStores.open(storeName);
        Clock clock = Clock.systemUTC();
        TicketSettings settings = new TicketSettings(1 << 20, Duration.ofMinutes(15), TicketSettings.OCR_TYPES);
        LongAdder sink = new LongAdder();

        Function<HttpRequest, HttpResponse> off = router(store, clock, settings, Telemetry.noop());
        MetricRegistry registry = new MetricRegistry();
        Function<HttpRequest, HttpResponse> localRouter = router(store, clock, settings, registry);
        LongAdder emfChars = new LongAdder();
        EmfTelemetry emf = new EmfTelemetry("supportdesk", "bench", line -> emfChars.add(line.length()), clock);
        Function<HttpRequest, HttpResponse> awsRouter = router(store, clock, settings, Telemetry.both(emf, new MetricRegistry()));
        Function<HttpRequest, HttpResponse> local = request -> Correlation.serve("api", null, request, localRouter);
        Function<HttpRequest, HttpResponse> aws = request -> Correlation.serve("api", "gw-request-id", null, request, awsRouter);

        Caller alice = Caller.authenticated(new Identity("alice", "acme", Set.of(Role.CUSTOMER)));
        HttpResponse created = off.apply(HttpRequest.builder("POST", "/tickets").caller(alice)
                .jsonBody("{\"subject\":\"Printer\",\"description\":\"It is on fire\"}").build());
        if (created.status() != 201) {
            throw new IllegalStateException("setup failed: " + created.status() + " " + created.bodyText());
        }
        for (int i = 0; i < 30; i++) {
            off.apply(HttpRequest.builder("POST", "/tickets").caller(alice)
                    .jsonBody("{\"subject\":\"Ticket " + i + "\",\"description\":\"text\"}").build());
        }
        String id = id(created);
        HttpRequest getWithTrace = HttpRequest.builder("GET", "/tickets/" + id).caller(alice)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build();
        boolean inMemory = "memory".equals(storeName);
        List<HttpRequest> mix = inMemory ? List.of(getWithTrace,
                HttpRequest.builder("GET", "/tickets").rawQuery("limit=10").caller(alice).build(),
                HttpRequest.builder("GET", "/health").build(),
                HttpRequest.builder("GET", "/tickets/nope").caller(alice).build())
                : List.of(getWithTrace, HttpRequest.builder("GET", "/tickets/" + id).caller(alice).build());
        String[] kinds = inMemory && !throughHandler ? MIXED : GETS;
        if (mix.stream().anyMatch(request -> off.apply(request).status() >= 500)) {
            throw new IllegalStateException("the store does not answer");
        }

        checkSides(off, local, aws, getWithTrace, registry, emfChars);

        Function<HttpRequest, HttpResponse> metricsOnly = localRouter;
        Function<HttpRequest, HttpResponse> correlationOnly = request -> Correlation.serve("api", null, request, off);
        String[] names = {"off", "local", "aws", "local metrics only", "correlation only"};
        List<Function<HttpRequest, HttpResponse>> direct = List.of(off, local, aws, metricsOnly, correlationOnly);
        // through the handler: API Gateway event bytes in, response bytes out, around every side alike
        List<Object> calls = throughHandler
                ? List.of(GatewayEvents.get("/tickets/" + id, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                        GatewayEvents.get("/tickets/" + id, null))
                : List.copyOf(mix);
        List<Function<Object, Object>> sides = direct.stream().map(side -> throughHandler
                ? adapt(GatewayEvents.around(side)) : adapt(side)).toList();
        if (throughHandler && !new String((byte[]) sides.getFirst().apply(calls.getFirst())).contains("\"statusCode\":200")) {
            throw new IllegalStateException("GET through the handler does not answer 200");
        }
        int n = sides.size();
        // warm-up: every side, until the JIT has settled
        for (int w = 0; w < 5; w++) {
            for (Function<Object, Object> side : sides) {
                run(side, calls, block, null, sink);
            }
        }
        long[][] samples = new long[n][rounds * block];
        long[][][] byKind = new long[n][calls.size()][rounds * block / calls.size()];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int side = (round + k) % n; // rotate the order so no side always runs first
                long[] into = new long[block];
                run(sides.get(side), calls, block, into, sink);
                System.arraycopy(into, 0, samples[side], round * block, block);
                for (int i = 0; i < block; i++) {
                    byKind[side][i % calls.size()][(round * block + i) / calls.size()] = into[i];
                }
            }
        }
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        for (int s = 0; s < n; s++) {
            Arrays.sort(samples[s]);
            p50[s] = samples[s][samples[s].length / 2] / 1000.0;
            p90[s] = samples[s][(int) (samples[s].length * 0.9)] / 1000.0;
        }
        System.out.printf(Locale.ROOT, "store: %s%s; calls per side: %d (%d rounds x %d), request mix: %d kinds%n", storeName,
                throughHandler ? ", through the API handler's event mapping" : "", rounds * block, rounds, block, calls.size());
        for (int s = 0; s < n; s++) {
            StringBuilder byRequest = new StringBuilder();
            for (int k = 0; k < calls.size(); k++) {
                Arrays.sort(byKind[s][k]);
                byRequest.append(String.format(Locale.ROOT, " %s %.2f", kinds[k], byKind[s][k][byKind[s][k].length / 2] / 1000.0));
            }
            System.out.printf(Locale.ROOT, "%-18s p50 %6.2f us  p90 %6.2f us | p50 by request:%s%n", names[s], p50[s], p90[s], byRequest);
        }
        System.out.printf(Locale.ROOT, "overhead at p50: local %+.1f %%, aws %+.1f %% (goal < 5 %%)%n",
                100 * (p50[1] / p50[0] - 1), 100 * (p50[2] / p50[0] - 1));
        System.out.printf(Locale.ROOT, "(sink %d, EMF characters %d)%n", sink.sum(), emfChars.sum());
        BenchmarkStores.close();
    }

    /** Off emits and tags nothing; local counts and tags; aws also writes an EMF document. Else the ratio lies. */
    private static void checkSides(Function<HttpRequest, HttpResponse> off, Function<HttpRequest, HttpResponse> local,
                                   Function<HttpRequest, HttpResponse> aws, HttpRequest get, MetricRegistry registry,
                                   LongAdder emfChars) {
        HttpResponse offResponse = off.apply(get);
        if (offResponse.headers().first(Correlation.REQUEST_ID_HEADER).isPresent() || emfChars.sum() != 0
                || !registry.counts(dev.supportdesk.telemetry.Metrics.API_REQUESTS).isEmpty()) {
            throw new IllegalStateException("the off side reports or tags");
        }
        HttpResponse localResponse = local.apply(get);
        if (localResponse.headers().first(Correlation.REQUEST_ID_HEADER).isEmpty() || emfChars.sum() != 0
                || registry.counts(dev.supportdesk.telemetry.Metrics.API_REQUESTS).isEmpty()) {
            throw new IllegalStateException("the local side does not count and tag, or writes EMF");
        }
        HttpResponse awsResponse = aws.apply(get);
        if (awsResponse.headers().first(Correlation.REQUEST_ID_HEADER).isEmpty() || emfChars.sum() == 0) {
            throw new IllegalStateException("the aws side writes no EMF document");
        }
    }

    private static String id(HttpResponse created) {
        try {
            return Json.MAPPER.readTree(created.body()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Function<HttpRequest, HttpResponse> router(TicketStore store, Clock clock, TicketSettings settings,
                                                              Telemetry telemetry) {
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        routes.addAll(new TicketRoutes(new TicketService(store, null, clock, settings, telemetry)).routes());
        return new Router(routes, 65536, telemetry);
    }

    @SuppressWarnings("unchecked")
    private static <T, R> Function<Object, Object> adapt(Function<T, R> side) {
        return input -> side.apply((T) input);
    }

    private static void run(Function<Object, Object> api, List<Object> mix, int calls, long[] into, LongAdder sink) {
        for (int i = 0; i < calls; i++) {
            Object request = mix.get(i % mix.size());
            long start = System.nanoTime();
            Object response = api.apply(request);
            long elapsed = System.nanoTime() - start;
            sink.add(response instanceof HttpResponse r ? r.status() : ((byte[]) response).length);
            if (into != null) {
                into[i] = elapsed;
            }
        }
    }
}
