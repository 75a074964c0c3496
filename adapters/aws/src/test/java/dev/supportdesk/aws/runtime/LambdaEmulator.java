package dev.supportdesk.aws.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs a packaged function the way Lambda runs it, under the AWS Lambda Runtime Interface Emulator
 * ({@code aws-lambda-rie}, built from the Go module proxy by {@code .ci/run}): the deployment zip
 * unpacked as the task root and the working directory, the runtime started with the command of the
 * function's image (or the managed runtime's Runtime Interface Client for a zip), the RIC's jars
 * apart from the function's, {@code _HANDLER} and the environment from the template, and
 * {@code AWS_LAMBDA_RUNTIME_API} pointing at the emulator. Invocations go through the emulator's
 * invoke endpoint; the runtime's peak resident set is read from {@code /proc}.
 *
 * <p>What differs from Lambda, and how: paths of the image's file system are mapped to the build
 * directories they are copied from; the JVM is given {@code -XX:MaxRAM=<MemorySize>m}, the limit
 * Lambda's container gives it; the Java runtime is a local JDK of the function's major version if
 * the machine has one, else the JDK running the tests (recorded in {@link #javaUsed()}).
 *
 * <p>Use (in an {@code *IT} class, so that failsafe runs it after {@code package} built the zip):
 * <pre>{@code
 * LambdaFunction fn = LambdaFunction.fromTemplate("WorkflowFunction",
 *         LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets")));
 * try (LambdaEmulator lambda = LambdaEmulator.start(fn, Map.of("AWS_ENDPOINT_URL_DYNAMODB", ...), workDir)) {
 *     LambdaEmulator.Invocation first = lambda.invoke(eventJson);   // cold: includes Init
 *     lambda.initDurationMillis(); lambda.peakRssKb(); lambda.output();
 * }
 * }</pre>
 */
public final class LambdaEmulator implements AutoCloseable {

    /** What {@code .ci/run} installs; the message of a missing binary repeats it. */
    public static final String RIE_INSTALL = "GOBIN=\"$PWD/tools/bin\" go install "
            + "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@v0.0.0-20261030222936-bef5c4ba774d";
    /** rapid's log line at the end of the Init phase (the REPORT line's "Init Duration" only times the call that starts it). */
    private static final Pattern INIT_DURATION = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");

    /** One invocation: the emulator's status and body, the time the caller waited, the runtime's peak RSS after it. */
    public record Invocation(int status, String body, long elapsedMillis, long peakRssKb) {
    }

    private final LambdaFunction function;
    private final Process process;
    private final Path log;
    private final URI invokeUri;
    private final String javaUsed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Invocation> invocations = new ArrayList<>();
    private long runtimePid = -1;

    private LambdaEmulator(LambdaFunction function, Process process, Path log, URI invokeUri, String javaUsed) {
        this.function = function;
        this.process = process;
        this.log = log;
        this.invokeUri = invokeUri;
        this.javaUsed = javaUsed;
    }

    /**
     * Unpacks the function's zip into {@code workDir/task} and starts the emulator with the
     * function's runtime. {@code testEnvironment} adds what only a test sets (endpoints of the
     * emulated services, credentials); it may not replace a variable of the template.
     */
    public static LambdaEmulator start(LambdaFunction function, Map<String, String> testEnvironment, Path workDir)
            throws IOException {
        Path rie = rieBinary();
        if (!Files.isRegularFile(function.artifact())) {
            throw new IllegalStateException(function.logicalId() + "'s artifact " + function.artifact()
                    + " does not exist: run `./mvnw -pl adapters/aws -am package` (this test runs in the integration-test phase)");
        }
        String machine = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
        // An image carries native packages of one architecture: it must be this machine's. A zip of
        // Java code runs on either (the RIC's jar carries both JNI builds); the difference is recorded.
        if (!machine.equals(function.architecture()) && function.dockerfile() != null) {
            throw new IllegalStateException(function.logicalId() + " is built for " + function.architecture()
                    + " but this machine is " + machine + ": the emulator runs the machine's own architecture");
        }
        String architecture = machine.equals(function.architecture()) ? machine
                : machine + " (the function declares " + function.architecture() + ")";
        deleteRecursively(workDir);
        Path taskRoot = Files.createDirectories(workDir.resolve("task"));
        unzip(function.artifact(), taskRoot);
        JavaHome java = JavaHome.forMajor(function.javaMajor());

        Map<String, Path> paths = new LinkedHashMap<>(function.pathsInImage());
        paths.put(LambdaFunction.TASK_ROOT, taskRoot);
        List<String> entrypoint = new ArrayList<>(function.entrypoint());
        String java0 = entrypoint.get(0);
        if (java0.equals("java") || java0.endsWith("/bin/java")) {
            if (java0.endsWith("/bin/java")) {
                paths.put(java0.substring(0, java0.length() - "/bin/java".length()), java.home());
            }
            entrypoint.set(0, java.home().resolve("bin/java").toString());
            // Lambda's container limits memory to MemorySize, and the JVM sizes its heap from that limit.
            entrypoint.add(1, "-XX:MaxRAM=" + function.memorySizeMb() + "m");
        }
        for (int i = 1; i < entrypoint.size(); i++) {
            entrypoint.set(i, mapPaths(entrypoint.get(i), paths));
        }
        Path bootstrap = workDir.resolve("bootstrap");
        StringBuilder script = new StringBuilder("#!/bin/sh\n# the image's ENTRYPOINT, its paths mapped; the handler follows as $1\nexec");
        String wrapper = function.environment().get("AWS_LAMBDA_EXEC_WRAPPER");
        if (wrapper != null && function.dockerfile() == null) {
            // The managed runtimes start the runtime through the function's wrapper script when this
            // variable names one (its command line follows as arguments). Lambda keeps the zip's file
            // modes; this unzip does not, so the script is made executable here.
            Path script0 = Path.of(mapPaths(wrapper, paths));
            Files.setPosixFilePermissions(script0, PosixFilePermissions.fromString("rwxr-xr-x"));
            script.append(" \"$AWS_LAMBDA_EXEC_WRAPPER\"");
        }
        for (String word : entrypoint) {
            script.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Files.writeString(bootstrap, script);
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));

        int invokePort = freePort();
        int runtimeApiPort = freePort();
        List<String> command = List.of(rie.toString(), "--log-level", "info",
                "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
                bootstrap.toString(), function.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Path log = workDir.resolve("rie.log");
        builder.redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(timeoutSeconds(function)));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("_HANDLER", function.handler());
        function.environment().forEach((name, value) -> env.put(name, mapPaths(value, paths)));
        testEnvironment.forEach((name, value) -> {
            if (function.environment().containsKey(name)) {
                throw new IllegalArgumentException(name + " is set by the template; a test may not replace it");
            }
            env.put(name, value);
        });
        Process process = builder.start();
        LambdaEmulator emulator = new LambdaEmulator(function, process, log,
                URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations"),
                java.describe() + ", " + architecture);
        try {
            emulator.awaitListening(invokePort);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /**
     * The invocation timeout the emulator enforces: the template's {@code Timeout}, but at least
     * {@value #MIN_TIMEOUT_SECONDS} s. A loaded 2-core test machine can take longer to start a JVM and a
     * Spring context than a Lambda instance (seen: 36 s for the API zip while four builds ran), and a
     * timeout here would say nothing about the function; the template tests hold the real Timeout.
     */
    static int timeoutSeconds(LambdaFunction function) {
        return Math.max(function.timeoutSeconds(), MIN_TIMEOUT_SECONDS);
    }

    static final int MIN_TIMEOUT_SECONDS = 180;

    /** Invokes the function synchronously with {@code payload}, as Lambda's Invoke API would. */
    public Invocation invoke(String payload) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(invokeUri)
                .timeout(Duration.ofSeconds(timeoutSeconds(function) + 30L))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Invocation invocation = new Invocation(response.statusCode(), response.body(), elapsed, peakRssKb().orElse(-1));
        invocations.add(invocation);
        return invocation;
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** The runtime's peak resident set size (VmHWM), if the runtime process is alive. */
    public OptionalLong peakRssKb() {
        long pid = runtimePid();
        if (pid < 0) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The runtime's process id (the emulator's child), or -1 before the first invocation starts it. */
    public long runtimePid() {
        if (runtimePid < 0) {
            runtimePid = process.toHandle().children().map(ProcessHandle::pid).findFirst().orElse(-1L);
        }
        return runtimePid;
    }

    /**
     * The Init phase of the runtime (start of the runtime process to its first request for work:
     * JVM start, RIC, handler class loaded and constructed), from the emulator's {@code INIT REPORT} line.
     */
    public OptionalDouble initDurationMillis() {
        Matcher m = INIT_DURATION.matcher(output());
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** The emulator's {@code Duration} of every invocation so far, in order (its REPORT lines). */
    public List<Double> reportedDurationsMillis() {
        List<Double> out = new ArrayList<>();
        Matcher m = DURATION.matcher(output());
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    /** The Java runtime and architecture that ran the function, and how they differ from the function's. */
    public String javaUsed() {
        return javaUsed;
    }

    /** Everything the emulator and the runtime printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("aws-lambda-rie exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        throw new IllegalStateException("aws-lambda-rie did not listen on " + port + " within 20 s:\n" + output());
    }

    /**
     * The emulator binary: {@code -Daws.lambda.rie=...}, else {@code tools/bin/aws-lambda-rie} of the
     * repository (where {@code .ci/run} installs it), else {@code ~/go/bin}. Missing is a failure, not a skip.
     */
    static Path rieBinary() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("aws.lambda.rie");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        candidates.add(dev.supportdesk.aws.template.SamTemplate.repositoryRoot().resolve("tools/bin/aws-lambda-rie"));
        candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "aws-lambda-rie"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("aws-lambda-rie (the AWS Lambda Runtime Interface Emulator) is not installed; "
                + "looked in " + candidates + ". From the repository root: " + RIE_INSTALL + " (.ci/run does this)");
    }

    private static String mapPaths(String value, Map<String, Path> paths) {
        String out = value;
        for (Map.Entry<String, Path> entry : paths.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed()).toList()) {
            String prefix = entry.getKey();
            out = out.replaceAll("(?<![\\w/.-])" + Pattern.quote(prefix) + "(?=/|$|:)",
                    Matcher.quoteReplacement(entry.getValue().toString()));
        }
        return out;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java installation: one of the wanted major version if the machine has it, else the tests' own. */
    record JavaHome(Path home, int major, int wanted) {

        static JavaHome forMajor(int wanted) {
            String property = System.getProperty("lambda.java.home");
            if (property != null && !property.isBlank()) {
                return new JavaHome(Path.of(property), major(Path.of(property)), wanted);
            }
            List<Path> candidates = new ArrayList<>();
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null) {
                candidates.add(Path.of(javaHome));
            }
            try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
                jvms.sorted().forEach(candidates::add);
            } catch (IOException e) {
                // no /usr/lib/jvm
            }
            for (Path candidate : candidates) {
                if (major(candidate) == wanted && Files.isExecutable(candidate.resolve("bin/java"))) {
                    return new JavaHome(candidate, wanted, wanted);
                }
            }
            Path own = Path.of(System.getProperty("java.home"));
            int ownMajor = Runtime.version().feature();
            if (ownMajor < wanted) {
                throw new IllegalStateException("no Java " + wanted + " (or newer) to run the function with; set -Dlambda.java.home");
            }
            return new JavaHome(own, ownMajor, wanted);
        }

        String describe() {
            return "Java " + major + " at " + home + (major == wanted ? "" : " (the function's is " + wanted
                    + "; none on this machine, so the newer JDK that runs the tests)");
        }

        private static int major(Path home) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return -1;
            }
            try (InputStream in = Files.newInputStream(release)) {
                Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Integer.parseInt(m.group(1)) : -1;
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
