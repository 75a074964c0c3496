package dev.supportdesk.aws.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The cold-start benchmark ({@code benchmarks/lambda-cold-start/run.sh}): every side is a packaged
 * zip started by {@link LambdaEmulator} exactly as the managed runtime starts a zip (RIE + RIC,
 * working directory task, handler and environment from the template), against DynamoDB Local (in
 * this JVM, warm) and moto's S3. Sides alternate in a shuffled order every round, so outside load
 * spreads over all of them. Per start it records the Init phase (INIT REPORT), process launch →
 * first response, the median of the warm invocations after it, peak RSS and classes loaded.
 *
 * <p>Arguments: {@code runs entries...} where an entry is {@code api}, {@code workflow},
 * {@code predict}; system properties {@code bench.floor.zip}, {@code bench.stock.zip}.
 */
public final class ColdStartBenchmark {

    /** One way of starting a function, with the event of each start (a fresh upload for OCR). */
    record Side(String entry, String name, LambdaFunction function, Event event) {
    }

    interface Event {
        String next() throws Exception;
    }

    record Sample(double init, long first, double warm, long rssKb, long classes) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> entries = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("api", "workflow");
        Path work = Path.of("target", "cold-start").toAbsolutePath();
        Files.createDirectories(work);

        try (DynamoDbLocalServer dynamo = DynamoDbLocalServer.start()) {
            String table = "supportdesk-tickets";
            try (var client = dynamo.client()) {
                EmulatorsAccess.createTable(client, table);
            }
            String s3 = EmulatorsAccess.s3Endpoint().toString();
            LambdaFunction.Names names = LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", table));
            Map<String, String> testEnv = Map.of("AWS_ENDPOINT_URL_S3", s3, "AWS_ENDPOINT_URL_DYNAMODB",
                    dynamo.endpoint().toString(), "AWS_ENDPOINT_URL_SFN", s3, "AWS_ENDPOINT_URL_LAMBDA", s3,
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

            List<Side> sides = new ArrayList<>();
            String only = System.getProperty("bench.sides", ".*");
            String bucket = LambdaFunction.fromTemplate("UploadFunction", names).environment().get("SUPPORTDESK_AWS_BUCKET_NAME");
            ColdStartEvents events = new ColdStartEvents(EmulatorsAccess.awsContext(dynamo.client(), table, bucket), bucket);
            if (System.getProperty("bench.azure.classpath") != null && "azure project (injector)".matches(only)) {
                sides.add(new Side("azure", "project (injector)", null, () -> "GET /health"));
            }
            for (String entry : entries) {
                sides(entry, names, events).stream().filter(s -> (s.entry() + " " + s.name()).matches(only)).forEach(sides::add);
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            sides.forEach(s -> samples.put(s.entry() + " " + s.name(), new ArrayList<>()));
            Random random = new Random(42);
            for (int run = 1; run <= runs; run++) {
                List<Side> order = new ArrayList<>(sides);
                Collections.shuffle(order, random);
                for (Side side : order) {
                    Sample sample = measure(side, testEnv, work.resolve(side.entry() + "-" + side.name().replace(' ', '_')));
                    samples.get(side.entry() + " " + side.name()).add(sample);
                    System.out.printf("run %d %-10s %-28s init %6.0f first %6d warm %6.1f rss %4d MB classes %d%n", run,
                            side.entry(), side.name(), sample.init(), sample.first(), sample.warm(), sample.rssKb() / 1024,
                            sample.classes());
                }
            }
            String overhead = entries.contains("api") ? adapterOverhead() : "";
            System.out.println(overhead);
            report(samples, sides, runs, work.resolve("results.md"), overhead);
        }
        System.exit(0); // DynamoDB Local leaves a non-daemon scheduler thread (ShardRolloverJobScheduler) behind
    }

    private static List<Side> sides(String entry, LambdaFunction.Names names, ColdStartEvents events) throws Exception {
        String floorZip = System.getProperty("bench.floor.zip");
        String stockZip = System.getProperty("bench.stock.zip");
        List<Side> out = new ArrayList<>();
        switch (entry) {
            case "api" -> {
                LambdaFunction project = LambdaFunction.fromTemplate("ApiFunction", names);
                String event = apiEvent();
                addWithAndWithout(out, entry, "project", project, event);
                withoutAotCache(out, entry, project, event);
                baseline(out, entry, project, event);
                addWithAndWithout(out, entry, "floor", with(project, Path.of(floorZip), "bench.floor.FloorApiHandler::handleRequest",
                        Map.of()), event);
                floorWithAotCache(out, entry, project, "bench.floor.FloorApiHandler::handleRequest", event);
                addWithAndWithout(out, entry, "stock SCF", with(project, Path.of(stockZip),
                        "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest",
                        Map.of("MAIN_CLASS", "bench.stock.StockApplication", "SPRING_CLOUD_FUNCTION_DEFINITION", "api")), event);
            }
            case "workflow" -> {
                LambdaFunction project = LambdaFunction.fromTemplate("WorkflowFunction", names);
                String event = "{\"step\":\"workflowFindDue\",\"input\":{\"runId\":\"20261129T000000Z-bench\",\"asOf\":\"2026-11-29T00:00:00Z\","
                        + "\"rule\":\"ESCALATE\",\"round\":0,\"cursor\":null}}";
                addWithAndWithout(out, entry, "project", project, event);
                baseline(out, entry, project, event);
                addWithAndWithout(out, entry, "floor", with(project, Path.of(floorZip), "bench.floor.FloorStepHandler::handleRequest",
                        Map.of()), event);
                floorWithAotCache(out, entry, project, "bench.floor.FloorStepHandler::handleRequest", event);
                addWithAndWithout(out, entry, "stock SCF", with(project, Path.of(stockZip),
                        "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest",
                        Map.of("MAIN_CLASS", "bench.stock.StockApplication", "SPRING_CLOUD_FUNCTION_DEFINITION", "step")), event);
            }
            case "predict" -> {
                LambdaFunction project = LambdaFunction.fromTemplate("PredictFunction", names);
                addWithAndWithout(out, entry, "project (no model)", project, apiEvent("GET", "/health", null));
                String predict = apiEvent("POST", "/models/wine-quality/predict", events.prediction());
                addWithAndWithout(out, entry, "project (model load)", project, predict);
            }
            case "ocr" -> {
                LambdaFunction project = LambdaFunction.fromTemplate("UploadFunction", names);
                addWithAndWithout(out, entry, "project (no engine)", project, ColdStartEvents.otherBucket());
                addWithAndWithout(out, entry, "project (engine load)", project, events::freshUpload);
            }
            default -> throw new IllegalArgumentException("unknown entry " + entry);
        }
        return out;
    }

    /**
     * Today's main (the core zip of the baseline commit run.sh names: Spring Boot contexts from the
     * per-function configurations), started with the baseline template's JVM options ({@code bench.baseline.zip}, {@code bench.baseline.opts}).
     */
    private static void baseline(List<Side> out, String entry, LambdaFunction f, String event) {
        String zip = System.getProperty("bench.baseline.zip");
        if (zip == null) {
            return;
        }
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        env.remove("AWS_LAMBDA_EXEC_WRAPPER");
        env.put("JAVA_TOOL_OPTIONS", System.getProperty("bench.baseline.opts", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        out.add(new Side(entry, "today +opts", copy(f, Path.of(zip).toAbsolutePath(), f.handler(), env), () -> event));
    }

    /**
     * The FLOOR with its best JVM options: the project's JAVA_TOOL_OPTIONS and exec wrapper, and its own
     * AOT cache trained the same way ({@code bench.floor.aot.zip}, built by run.sh).
     */
    private static void floorWithAotCache(List<Side> out, String entry, LambdaFunction project, String handler, String event) {
        String zip = System.getProperty("bench.floor.aot.zip");
        if (zip != null) {
            out.add(new Side(entry, "floor +opts+AOT", copy(project, Path.of(zip).toAbsolutePath(), handler,
                    new LinkedHashMap<>(project.environment())), () -> event));
        }
    }

    /** The project with the template's JVM options but not its AOT cache (nor the wrapper that serves it): what the cache's MBs buy. */
    private static void withoutAotCache(List<Side> out, String entry, LambdaFunction f, String event) {
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        env.remove("AWS_LAMBDA_EXEC_WRAPPER");
        env.computeIfPresent("JAVA_TOOL_OPTIONS", (k, v) -> v.replaceAll("-XX:AOTCache=\\S+", "").trim());
        out.add(new Side(entry, "project +opts no AOT", copy(f, f.artifact(), f.handler(), env), () -> event));
    }

    /** The side as the template declares it, and the same without JAVA_TOOL_OPTIONS and exec wrapper. */
    private static void addWithAndWithout(List<Side> out, String entry, String name, LambdaFunction f, String event) {
        addWithAndWithout(out, entry, name, f, () -> event);
    }

    private static void addWithAndWithout(List<Side> out, String entry, String name, LambdaFunction f, Event event) {
        out.add(new Side(entry, name + " +opts", f, event));
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("AWS_LAMBDA_EXEC_WRAPPER");
        out.add(new Side(entry, name + " no opts", copy(f, f.artifact(), f.handler(), env), event));
    }

    private static LambdaFunction with(LambdaFunction f, Path artifact, String handler, Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        // The reference functions get the template's JVM options, not the project's own artefacts (cache, wrapper).
        env.remove("AWS_LAMBDA_EXEC_WRAPPER");
        env.computeIfPresent("JAVA_TOOL_OPTIONS", (k, v) -> v.replaceAll("-XX:AOTCache=\\S+|-XX:SharedArchiveFile=\\S+", "").trim());
        env.putAll(extraEnv);
        return copy(f, artifact.toAbsolutePath(), handler, env);
    }

    private static LambdaFunction copy(LambdaFunction f, Path artifact, String handler, Map<String, String> env) {
        return new LambdaFunction(f.logicalId(), f.packageType(), artifact, f.entrypoint(), handler, env, f.memorySizeMb(),
                f.timeoutSeconds(), f.architecture(), f.javaMajor(), f.dockerfile(), f.pathsInImage());
    }

    /** The API event of {@link #apiEvent()} for another method, path and JSON body. */
    private static String apiEvent(String method, String path, String body) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(apiEvent());
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path).put("method", method);
        event.put("routeKey", "$default");
        ((ObjectNode) event.path("requestContext")).put("routeKey", "$default");
        if (body != null) {
            event.put("body", body).put("isBase64Encoded", false);
            ((ObjectNode) event.path("headers")).put("content-type", "application/json")
                    .put("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        return event.toString();
    }

    private static String apiEvent() throws Exception {
        ObjectNode event;
        try (InputStream in = ColdStartBenchmark.class.getResourceAsStream("/events/apigw-v2-request.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        String path = "/tickets/" + UUID.nameUUIDFromBytes("bench".getBytes());
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt")).set("claims", Json.object()
                .put("sub", "bench-user").put("custom:tenant", "acme").put("cognito:groups", "[customer]"));
        return event.toString();
    }

    private static Sample measure(Side side, Map<String, String> testEnv, Path dir) throws Exception {
        if (side.function() == null) {
            return AzureStart.measure();
        }
        try (LambdaEmulator lambda = LambdaEmulator.start(side.function(), testEnv, dir)) {
            String event = side.event().next();
            LambdaEmulator.Invocation first = lambda.invoke(event);
            boolean ocrDone = !side.name().contains("engine load") || first.body().contains("\"ocr\":\"DONE\"");
            // the API's read is a 404 by design (the ticket does not exist); other entries must succeed
            boolean refused = !side.entry().equals("api") && first.body().matches("(?s).*\"statusCode\":\\s*[45].*");
            if (first.status() != 200 || first.body().contains("errorMessage") || refused || !ocrDone) {
                throw new IllegalStateException(side + " failed: " + first.body() + "\n" + lambda.output());
            }
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                lambda.invoke(event); // OCR: the same notification again, a duplicate (no second OCR)
                warm.add(System.nanoTime() - start);
            }
            long classes = classesLoaded(lambda.runtimePid());
            return new Sample(lambda.initDurationMillis().orElse(-1), first.elapsedMillis(),
                    median(warm.stream().map(n -> n / 1e6).toList()), lambda.peakRssKb().orElse(-1), classes);
        }
    }

    /** Classes the runtime JVM loaded so far (its perf counter java.cls.loadedClasses, read with jcmd). */
    private static long classesLoaded(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            long total = 0;
            for (String line : out.split("\n")) {
                // classes loaded from class files, and those mapped from the CDS archive or AOT cache
                if (line.startsWith("java.cls.loadedClasses=") || line.startsWith("java.cls.sharedLoadedClasses=")) {
                    total += Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
                }
            }
            return total;
        } catch (Exception e) {
            // no count
        }
        return -1;
    }

    /**
     * The adapter's warm overhead in-process: API Gateway v2 event → HttpApiHandler → the catalog's api
     * function → proxy response, for GET /health (no store call), on the deployed (functional) context,
     * telemetry included.
     */
    private static String adapterOverhead() throws Exception {
        // the EMF documents of 40,000 requests are built but not printed (the output would be nothing but them)
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return adapterOverheadWithMetricsDiscarded();
        } finally {
            System.setOut(stdout);
        }
    }

    private static String adapterOverheadWithMetricsDiscarded() throws Exception {
        var context = dev.supportdesk.aws.AwsRuntime.functional(dev.supportdesk.aws.AwsFunctions.API, Map.of(
                "supportdesk.aws.table-name", "t", "supportdesk.aws.bucket-name", "b",
                "supportdesk.aws.state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:t"));
        try (context) {
            dev.supportdesk.aws.HttpApiHandler handler = new dev.supportdesk.aws.HttpApiHandler(context);
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(apiEvent());
            event.put("rawPath", "/health");
            ((ObjectNode) event.path("requestContext").path("http")).put("path", "/health");
            byte[] bytes = event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int n = 20_000;
            int blocks = 5;
            long[] nanos = new long[n];
            long[] cpuNanos = new long[n];
            double[] p50 = new double[blocks];
            double[] p99 = new double[blocks];
            double[] cpuP99 = new double[blocks];
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int round = -1; round < blocks; round++) { // round -1 warms up
                for (int i = 0; i < n; i++) {
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    handler.handleRequest(new java.io.ByteArrayInputStream(bytes), new java.io.ByteArrayOutputStream(), null);
                    nanos[i] = System.nanoTime() - start;
                    cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                }
                if (round >= 0) {
                    java.util.Arrays.sort(nanos);
                    java.util.Arrays.sort(cpuNanos);
                    p50[round] = nanos[n / 2] / 1e3;
                    p99[round] = nanos[(int) (n * 0.99)] / 1e3;
                    cpuP99[round] = cpuNanos[(int) (n * 0.99)] / 1e3;
                }
            }
            // wall time includes the time other processes take the core from this thread; the thread's CPU
            // time does not, and is what the adapter itself costs
            return String.format("adapter warm overhead (GET /health, in-process, %d blocks of %d calls after %d warm-up; "
                    + "median of the blocks (min–max)): wall p50 %s µs, wall p99 %s µs, thread-CPU p99 %s µs",
                    blocks, n, n, spread(p50), spread(p99), spread(cpuP99));
        }
    }

    private static String spread(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%.1f (%.1f–%.1f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static void report(Map<String, List<Sample>> samples, List<Side> sides, int runs, Path file, String overhead)
            throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d alternating runs per side; %s; %s cores; medians (min–max)%n%n", runs,
                System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors()));
        out.append("| entry | side | init ms | launch → first response ms | × floor best | × today | warm ms | peak RSS MB | classes | artifact MB |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Double> floorBest = new LinkedHashMap<>();
        samples.forEach((key, list) -> {
            if (key.contains(" floor ")) {
                floorBest.merge(key.substring(0, key.indexOf(' ')), median(list.stream().map(s -> (double) s.first()).toList()), Math::min);
            }
        });
        for (Side side : sides) {
            List<Sample> list = samples.get(side.entry() + " " + side.name());
            double first = median(list.stream().map(s -> (double) s.first()).toList());
            double floor = floorBest.getOrDefault(side.entry(), Double.NaN);
            List<Sample> today = samples.get(side.entry() + " today +opts");
            double todayFirst = today == null ? Double.NaN : median(today.stream().map(s -> (double) s.first()).toList());
            out.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", side.entry(), side.name(),
                    spread(list, Sample::init), spread(list, s -> (double) s.first()), known("%.2f", first / floor),
                    known("%.2f", first / todayFirst), spread(list, Sample::warm),
                    known("%.0f", median(list.stream().map(s -> s.rssKb() / 1024.0).toList())),
                    known("%.0f", median(list.stream().map(s -> (double) s.classes()).toList())),
                    known("%.1f", side.function() == null ? Double.NaN : Files.size(side.function().artifact()) / 1e6)));
        }
        out.append('\n').append(overhead).append('\n');
        System.out.println();
        System.out.println(out);
        Files.writeString(file, out.toString());
    }

    /** A figure, or "–" where the side has none (no floor, no baseline, not measured: -1). */
    private static String known(String format, double value) {
        return Double.isNaN(value) || value < 0 ? "–" : String.format(format, value);
    }

    private static String spread(List<Sample> list, Function<Sample, Double> metric) {
        List<Double> values = list.stream().map(metric).sorted().toList();
        if (values.get(0) < 0) {
            return "–";
        }
        String format = values.get(0) < 20 ? "%.1f" : "%.0f";
        return String.format(format + " (" + format + "–" + format + ")", median(values), values.get(0), values.get(values.size() - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
