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
import dev.supportdesk.workflow.InMemoryTicketStore;
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
 * Usage: java TelemetryOverhead [rounds] [calls per block]
 */
public final class TelemetryOverhead {

    private static final String[] KINDS = {"get", "list", "health", "404"};

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 3000;

        InMemoryTicketStore store = new InMemoryTicketStore();
        Clock clock = Clock.systemUTC();
        TicketSettings settings = new TicketSettings(1 << 20, Duration.ofMinutes(15), TicketSettings.OCR_TYPES);
        LongAdder sink = new LongAdder();

        Function<HttpRequest, HttpResponse> off = router(store, clock, settings, Telemetry.noop());
        MetricRegistry registry = new MetricRegistry();
        Function<HttpRequest, HttpResponse> localRouter = router(store, clock, settings, registry);
        EmfTelemetry emf = new EmfTelemetry("supportdesk", "bench", line -> sink.add(line.length()), clock);
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
        List<HttpRequest> mix = List.of(
                HttpRequest.builder("GET", "/tickets/" + id).caller(alice)
                        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build(),
                HttpRequest.builder("GET", "/tickets").rawQuery("limit=10").caller(alice).build(),
                HttpRequest.builder("GET", "/health").build(),
                HttpRequest.builder("GET", "/tickets/nope").caller(alice).build());

        Function<HttpRequest, HttpResponse> metricsOnly = localRouter;
        Function<HttpRequest, HttpResponse> correlationOnly = request -> Correlation.serve("api", null, request, off);
        String[] names = {"off", "local", "aws", "local metrics only", "correlation only"};
        List<Function<HttpRequest, HttpResponse>> sides = List.of(off, local, aws, metricsOnly, correlationOnly);
        int n = sides.size();
        // warm-up: every side, until the JIT has settled
        for (int w = 0; w < 5; w++) {
            for (Function<HttpRequest, HttpResponse> side : sides) {
                run(side, mix, block, null, sink);
            }
        }
        long[][] samples = new long[n][rounds * block];
        long[][][] byKind = new long[n][mix.size()][rounds * block / mix.size()];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int side = (round + k) % n; // rotate the order so no side always runs first
                long[] into = new long[block];
                run(sides.get(side), mix, block, into, sink);
                System.arraycopy(into, 0, samples[side], round * block, block);
                for (int i = 0; i < block; i++) {
                    byKind[side][i % mix.size()][(round * block + i) / mix.size()] = into[i];
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
        System.out.printf(Locale.ROOT, "calls per side: %d (%d rounds x %d), request mix: %d kinds%n", rounds * block, rounds, block, mix.size());
        for (int s = 0; s < n; s++) {
            StringBuilder kinds = new StringBuilder();
            for (int k = 0; k < mix.size(); k++) {
                Arrays.sort(byKind[s][k]);
                kinds.append(String.format(Locale.ROOT, " %s %.2f", KINDS[k], byKind[s][k][byKind[s][k].length / 2] / 1000.0));
            }
            System.out.printf(Locale.ROOT, "%-18s p50 %6.2f us  p90 %6.2f us | p50 by request:%s%n", names[s], p50[s], p90[s], kinds);
        }
        System.out.printf(Locale.ROOT, "overhead at p50: local %+.1f %%, aws %+.1f %% (goal < 5 %%)%n",
                100 * (p50[1] / p50[0] - 1), 100 * (p50[2] / p50[0] - 1));
        System.out.printf(Locale.ROOT, "(sink %d)%n", sink.sum());
    }

    private static String id(HttpResponse created) {
        try {
            return Json.MAPPER.readTree(created.body()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Function<HttpRequest, HttpResponse> router(InMemoryTicketStore store, Clock clock, TicketSettings settings,
                                                              Telemetry telemetry) {
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        routes.addAll(new TicketRoutes(new TicketService(store, null, clock, settings, telemetry)).routes());
        return new Router(routes, 65536, telemetry);
    }

    private static void run(Function<HttpRequest, HttpResponse> api, List<HttpRequest> mix, int calls, long[] into,
                            LongAdder sink) {
        for (int i = 0; i < calls; i++) {
            HttpRequest request = mix.get(i % mix.size());
            long start = System.nanoTime();
            HttpResponse response = api.apply(request);
            long elapsed = System.nanoTime() - start;
            sink.add(response.status());
            if (into != null) {
                into[i] = elapsed;
            }
        }
    }
}
