package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.ProjectPaths;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fuzzes the packaged local app with Schemathesis against the OpenAPI document it serves: every
 * check, a fixed seed and a bounded number of cases, once as an agent and once as an admin (tokens
 * minted by the app's own token endpoint, from loopback). Any 5xx, any check failure or any error
 * of the run fails the test and prints Schemathesis' report with the reproducing requests.
 *
 * <p>The app is the jar {@code package} built ({@code target/adapter-local-*.jar}), started with a
 * fresh data folder on a free loopback port. Schemathesis comes from its own virtualenv,
 * {@code tools/schemathesis/.venv} (pinned in {@code tools/schemathesis/requirements.txt});
 * {@code .ci/run} installs it, and this test fails, not skips, when it is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemathesisFuzzIT {

    static final long SEED = 20261129L;
    /** Cases per operation and phase; two runs of 17 operations come to a few thousand cases. */
    static final int MAX_EXAMPLES = 30;
    static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Pattern CASES = Pattern.compile("(\\d+) generated, (\\d+) (?:passed|found)");

    private final Path root = ProjectPaths.root();
    private final Path tools = root.resolve("tools/schemathesis");
    private Process app;
    private Path log;
    private int port;

    @BeforeAll
    void startTheBuiltApp() throws Exception {
        Path st = tools.resolve(".venv/bin/st");
        if (!Files.isExecutable(st)) {
            fail("Schemathesis is not installed at " + st + ". Install it (as .ci/run does) with:\n"
                    + "  python3 -m venv tools/schemathesis/.venv && "
                    + "tools/schemathesis/.venv/bin/pip install -r tools/schemathesis/requirements.txt");
        }
        Path target = Path.of("target").toAbsolutePath();
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("adapter-local-.*\\.jar")
                            && !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no packaged app in " + target
                            + "; run it through Maven's verify (failsafe runs after package)"));
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = target.resolve("fuzz-data-" + UUID.randomUUID());
        log = target.resolve("fuzz-app-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--supportdesk.local.data-dir=" + data,
                "--supportdesk.local.models-dir=" + root.resolve("models"),
                "--supportdesk.local.workflow-schedule=off",
                // the fuzz probes the API; the rate limit has its own test (LocalRateLimitTest)
                "--supportdesk.local.rate-limit.enabled=false")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        app = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!up()) {
            if (!app.isAlive() || Instant.now().isAfter(deadline)) {
                fail("the app did not come up on port " + port + ":\n" + tail(log));
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stopTheApp() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private boolean up() {
        try {
            return http(HttpRequest.newBuilder(uri("/health")).GET().build()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> http(HttpRequest request) throws IOException {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String token(String subject, String role) throws IOException {
        String body = "{\"subject\":\"" + subject + "\",\"tenant\":\"fuzz\",\"roles\":[\"" + role + "\"]}";
        HttpResponse<String> response = http(HttpRequest.newBuilder(uri("/local/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode json = Json.MAPPER.readTree(response.body());
        return json.path("token").asText();
    }

    @Test
    void asAnAgent() throws Exception {
        fuzz("agent", token("fuzz-agent", "agent"));
    }

    @Test
    void asAnAdmin() throws Exception {
        fuzz("admin", token("fuzz-admin", "admin"));
    }

    private void fuzz(String who, String token) throws Exception {
        Path reports = Path.of("target", "schemathesis-" + who).toAbsolutePath();
        Files.createDirectories(reports);
        List<String> command = new ArrayList<>(List.of(
                tools.resolve(".venv/bin/st").toString(),
                "--config-file", tools.resolve("schemathesis.toml").toString(),
                "run", uri("/openapi.yaml").toString(),
                "--url", uri("").toString(),
                "--header", "Authorization: Bearer " + token,
                "--checks", "all",
                "--seed", Long.toString(SEED),
                "--max-examples", Integer.toString(MAX_EXAMPLES),
                "--workers", "2",
                "--generation-database", "none",
                "--request-timeout", "30",
                "--no-color",
                "--report", "junit",
                "--report-dir", reports.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(reports.toFile()).redirectErrorStream(true);
        Path output = reports.resolve("output.txt");
        builder.redirectOutput(output.toFile());
        builder.environment().put("PYTHONPATH", tools.toString());
        builder.environment().put("SCHEMATHESIS_HOOKS", "supportdesk_hooks");
        Instant start = Instant.now();
        Process st = builder.start();
        if (!st.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            st.destroyForcibly();
            fail("Schemathesis (" + who + ") took longer than " + RUN_LIMIT + ":\n" + Files.readString(output));
        }
        Duration took = Duration.between(start, Instant.now());
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Optional<String> cases = cases(report);
        System.out.printf("Schemathesis as %s: %s cases, %d s, seed %d, exit %d%n",
                who, cases.orElse("?"), took.toSeconds(), SEED, st.exitValue());
        if (st.exitValue() != 0) {
            fail("Schemathesis as " + who + " found problems (exit " + st.exitValue() + "); each comes with"
                    + " a curl reproducer and 'st replay <id>':" + File.separator + "\n" + report
                    + "\n--- app log ---\n" + tail(log));
        }
        assertThat(report).as(report).doesNotContain("Server error").doesNotContain("Runtime Error");
        assertThat(cases).as("the number of generated cases in:\n" + report).isPresent();
    }

    private static Optional<String> cases(String report) {
        Matcher matcher = CASES.matcher(report);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
