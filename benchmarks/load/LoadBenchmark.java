import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the local app on loopback (a benchmark, not a test): virtual users run a mix of
 * create, list, get, PATCH with If-Match, respond and declare+upload for a fixed time per
 * concurrency level, then the store is audited for lost updates. Prints p50/p99 and requests/s.
 *
 * <p>Usage: {@code java LoadBenchmark.java <base url> <seconds per level> <levels, e.g. 1,4,16>}
 */
public final class LoadBenchmark {

    enum Op { CREATE, LIST, GET, PATCH, RESPOND, UPLOAD }

    /** The mix, in percent: reads dominate, as on a support desk. */
    static final Map<Op, Integer> MIX = Map.of(Op.CREATE, 10, Op.LIST, 20, Op.GET, 30, Op.PATCH, 15, Op.RESPOND, 15,
            Op.UPLOAD, 10);

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> tickets = new CopyOnWriteArrayList<>();
    /** ticket → the versions (ETags) acknowledged PATCHes produced, and their assignee. */
    final Map<String, Map<String, String>> patched = new ConcurrentHashMap<>();
    final Map<String, Set<String>> responses = new ConcurrentHashMap<>();
    final Map<String, Set<String>> attachments = new ConcurrentHashMap<>();
    final AtomicLong duplicateVersions = new AtomicLong();

    LoadBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        LoadBenchmark bench = new LoadBenchmark(args[0]);
        int seconds = Integer.parseInt(args[1]);
        System.out.printf("mix %s, %d s per level%n", MIX, seconds);
        System.out.println("level  requests   req/s    p50 ms   p99 ms  expected 412/409  errors");
        for (String level : args[2].split(",")) {
            bench.run(Integer.parseInt(level), seconds);
        }
        bench.audit();
    }

    void run(int users, int seconds) throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            workers.add(new Worker(this, users + "-" + i));
        }
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            threads.add(Thread.ofPlatform().start(() -> worker.loop(end)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] latencies = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
        long expected = workers.stream().mapToLong(w -> w.expectedConflicts).sum();
        long errors = workers.stream().mapToLong(w -> w.errors).sum();
        System.out.printf("%5d  %8d  %7.0f  %7.2f  %7.2f  %16d  %6d%n", users, latencies.length,
                latencies.length / (double) seconds, percentile(latencies, 50), percentile(latencies, 99), expected, errors);
        workers.forEach(w -> w.firstErrors.forEach(e -> System.out.println("  error: " + e)));
    }

    static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Every acknowledged write is in the store: tickets, responses, uploads; no PATCH version acknowledged twice. */
    void audit() throws Exception {
        String agent = token("auditor", "agent");
        long missingTickets = 0, missingResponses = 0, missingUploads = 0, lostPatches = 0;
        for (String ticket : tickets) {
            HttpResponse<String> read = send(get("/tickets/" + ticket, agent));
            if (read.statusCode() != 200) {
                missingTickets++;
                continue;
            }
            long version = Long.parseLong(read.headers().firstValue("ETag").orElse("\"0\"").replace("\"", ""));
            Map<String, String> acks = patched.getOrDefault(ticket, Map.of());
            for (Map.Entry<String, String> ack : acks.entrySet()) {
                long acked = Long.parseLong(ack.getKey().replace("\"", ""));
                boolean current = acked == version;
                if (acked > version || current && !read.body().contains("\"assignee\":\"" + ack.getValue() + "\"")) {
                    lostPatches++; // the store is behind an acknowledged write, or holds another write under its version
                }
            }
            Set<String> stored = new HashSet<>();
            Matcher ids = ID.matcher(send(get("/tickets/" + ticket + "/responses?limit=100", agent)).body());
            while (ids.find()) {
                stored.add(ids.group(1));
            }
            for (String response : responses.getOrDefault(ticket, Set.of())) {
                if (!stored.contains(response)) {
                    missingResponses++;
                }
            }
            for (String attachment : attachments.getOrDefault(ticket, Set.of())) {
                String body = send(get("/tickets/" + ticket + "/attachments/" + attachment, agent)).body();
                if (body.contains("\"uploadedAt\":null")) {
                    missingUploads++;
                }
            }
        }
        long acknowledgedPatches = patched.values().stream().mapToLong(Map::size).sum();
        long acknowledgedResponses = responses.values().stream().mapToLong(Set::size).sum();
        long acknowledgedUploads = attachments.values().stream().mapToLong(Set::size).sum();
        System.out.printf("audit: %d tickets (%d missing), %d PATCHes (%d versions acknowledged twice, %d not in the store),"
                        + " %d responses (%d missing), %d uploads (%d not recorded)%n",
                tickets.size(), missingTickets, acknowledgedPatches, duplicateVersions.get(), lostPatches,
                acknowledgedResponses, missingResponses, acknowledgedUploads, missingUploads);
        boolean clean = missingTickets + duplicateVersions.get() + lostPatches + missingResponses + missingUploads == 0;
        System.out.println(clean ? "audit: no lost update" : "audit: LOST UPDATES");
        if (!clean) {
            System.exit(1);
        }
    }

    String token(String subject, String role) throws Exception {
        HttpResponse<String> minted = send(HttpRequest.newBuilder(URI.create(base + "/local/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subject + "\",\"tenant\":\"load\",\"roles\":[\""
                        + role + "\"]}")).build());
        Matcher token = TOKEN.matcher(minted.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: " + minted.statusCode() + " " + minted.body());
        }
        return token.group(1);
    }

    HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** One virtual user: a customer who opens tickets and an agent who works on everyone's. */
    static final class Worker {

        final LoadBenchmark bench;
        final String customer;
        final String agent;
        final String name;
        long[] latencies = new long[1 << 16];
        int count;
        long expectedConflicts;
        long errors;
        final List<String> firstErrors = new ArrayList<>();

        Worker(LoadBenchmark bench, String name) throws Exception {
            this.bench = bench;
            this.name = name;
            this.customer = bench.token("customer-" + name, "customer");
            this.agent = bench.token("agent-" + name, "agent");
        }

        void loop(long end) {
            while (System.nanoTime() < end) {
                try {
                    step(pick());
                } catch (Exception e) {
                    error("exception " + e);
                }
            }
        }

        Op pick() {
            int roll = ThreadLocalRandom.current().nextInt(100);
            for (Op op : Op.values()) {
                roll -= MIX.get(op);
                if (roll < 0) {
                    return op;
                }
            }
            return Op.GET;
        }

        String anyTicket() {
            List<String> all = bench.tickets;
            return all.get(ThreadLocalRandom.current().nextInt(all.size()));
        }

        void step(Op op) throws Exception {
            if (bench.tickets.isEmpty() || op == Op.CREATE) {
                HttpResponse<String> created = timed(bench.get("/tickets", customer).header("Content-Type", "application/json")
                        .POST(json("{\"subject\":\"load " + name + "\",\"description\":\"benchmark\",\"priority\":\"NORMAL\"}")));
                if (expect(created, 201, "create")) {
                    Matcher id = ID.matcher(created.body());
                    id.find();
                    bench.tickets.add(id.group(1));
                }
                return;
            }
            String ticket = anyTicket();
            switch (op) {
                case LIST -> expect(timed(bench.get("/tickets?limit=20", agent).GET()), 200, "list");
                case GET -> expect(timed(bench.get("/tickets/" + ticket, agent).GET()), 200, "get");
                case PATCH -> patch(ticket);
                case RESPOND -> {
                    HttpResponse<String> responded = timed(bench.get("/tickets/" + ticket + "/responses", agent)
                            .header("Content-Type", "application/json").POST(json("{\"body\":\"on it (" + name + ")\"}")));
                    if (expect(responded, 201, "respond")) {
                        Matcher id = ID.matcher(responded.body());
                        id.find();
                        bench.responses.computeIfAbsent(ticket, t -> ConcurrentHashMap.newKeySet()).add(id.group(1));
                    }
                }
                case UPLOAD -> upload(ticket);
                default -> throw new IllegalStateException(op.name());
            }
        }

        void patch(String ticket) throws Exception {
            HttpResponse<String> read = timed(bench.get("/tickets/" + ticket, agent).GET());
            if (!expect(read, 200, "get before patch")) {
                return;
            }
            String etag = read.headers().firstValue("ETag").orElseThrow();
            String assignee = "agent-" + name + "-" + count;
            HttpResponse<String> patched = timed(bench.get("/tickets/" + ticket, agent).header("If-Match", etag)
                    .header("Content-Type", "application/json")
                    .method("PATCH", json("{\"assignee\":\"" + assignee + "\"}")));
            if (patched.statusCode() == 412) {
                expectedConflicts++;
                return;
            }
            if (expect(patched, 200, "patch")) {
                String version = patched.headers().firstValue("ETag").orElseThrow();
                if (bench.patched.computeIfAbsent(ticket, t -> new ConcurrentHashMap<>()).putIfAbsent(version, assignee) != null) {
                    bench.duplicateVersions.incrementAndGet();
                }
            }
        }

        void upload(String ticket) throws Exception {
            byte[] content = "%PDF-1.4\n% load benchmark\n".getBytes(StandardCharsets.US_ASCII);
            HttpResponse<String> declared = timed(bench.get("/tickets/" + ticket + "/attachments", agent)
                    .header("Content-Type", "application/json")
                    .POST(json("{\"fileName\":\"note.pdf\",\"contentType\":\"application/pdf\",\"size\":" + content.length + "}")));
            if (!expect(declared, 201, "declare")) {
                return;
            }
            Matcher id = ID.matcher(declared.body());
            Matcher url = URL.matcher(declared.body());
            id.find();
            url.find();
            HttpResponse<String> put = timed(HttpRequest.newBuilder(URI.create(url.group(1).replace("\\u0026", "&")))
                    .header("Content-Type", "application/pdf").timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
            if (expect(put, 200, "upload")) {
                bench.attachments.computeIfAbsent(ticket, t -> ConcurrentHashMap.newKeySet()).add(id.group(1));
            }
        }

        static HttpRequest.BodyPublisher json(String body) {
            return HttpRequest.BodyPublishers.ofString(body);
        }

        HttpResponse<String> timed(HttpRequest.Builder request) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> response = bench.send(request);
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = System.nanoTime() - start;
            return response;
        }

        boolean expect(HttpResponse<String> response, int status, String what) {
            if (response.statusCode() == status) {
                return true;
            }
            if (response.statusCode() == 409) {
                expectedConflicts++;
                return false;
            }
            error(what + " " + response.statusCode() + " " + response.body());
            return false;
        }

        void error(String what) {
            errors++;
            if (firstErrors.size() < 3) {
                firstErrors.add(what.length() > 300 ? what.substring(0, 300) : what);
            }
        }
    }
}
