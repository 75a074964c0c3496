package dev.supportdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the pinned checkov offline over infrastructure code and reads its JSON report, for the SAM and Bicep
 * checks alike. checkov is pinned ({@link #VERSION}) because new releases add checks, and it lives in its own
 * virtual environment because it pins an older boto3 than the SAM CLI and moto want.
 *
 * <p>The executable is the one named by the {@code CHECKOV} environment variable or the {@code checkov} system
 * property, else {@code bicep/.venv/bin/checkov} (what CI creates), else {@code checkov} from the PATH. Without
 * it the calling test fails with the install command; it never skips.
 */
public final class Checkov {

    public static final String VERSION = "3.3.30";
    public static final String INSTALL_HINT = "python3 -m venv bicep/.venv && bicep/.venv/bin/pip install -r"
            + " bicep/requirements-checkov.txt (checkov " + VERSION + " in its own virtual environment), or"
            + " CHECKOV=/path/to/checkov";
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    /** What one checkov run reported for one framework. */
    public record Report(String command, ExternalTool.Result result, String framework, String checkovVersion,
                         int passed, int failedInSummary, int parsingErrors, int resourceCount,
                         List<String> failedChecks, List<Suppression> suppressions) {

        /** Suppressions whose stated reason is shorter than {@code minimumReasonLength} characters. */
        public List<String> suppressionsWithoutReason(int minimumReasonLength) {
            return suppressions.stream().filter(s -> s.reason().length() < minimumReasonLength)
                    .map(s -> s.checkId() + " on " + s.resource() + ": '" + s.reason() + "'").toList();
        }
    }

    /** A check skipped on a resource, with the reason written beside the skip. */
    public record Suppression(String checkId, String resource, String reason) {
    }

    private Checkov() {
    }

    /** Runs checkov from the repository root with the target arguments, e.g. {@code --file sam/template.yaml}. */
    public static Report run(String framework, String... target) {
        Path root = ProjectPaths.root();
        List<String> command = Stream.concat(Stream.concat(Stream.of(executable(root)), Stream.of(target)),
                Stream.of("--framework", framework, "--output", "json", "--compact", "--skip-download",
                        "--no-fail-on-crash")).toList();
        // Offline: no platform API key, no guideline download, no version check.
        ExternalTool.Result result = ExternalTool.run(command, root, TIMEOUT, INSTALL_HINT, environment -> {
            environment.put("CHECKOV_RUN_SCA_PACKAGE_SCAN_V2", "false");
            environment.put("BC_SKIP_MAPPING", "TRUE");
            environment.put("LOG_LEVEL", "WARNING");
            environment.remove("BC_API_KEY");
        });
        return parse(String.join(" ", command), result);
    }

    private static Report parse(String command, ExternalTool.Result result) {
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("`" + command + "` printed no JSON report (exit " + result.exitCode() + "):\n"
                    + result.stdout() + "\n" + result.stderr(), e);
        }
        if (report.isArray()) {
            if (report.size() != 1) {
                throw new AssertionError("`" + command + "` reported " + report.size() + " frameworks, expected one");
            }
            report = report.get(0);
        }
        JsonNode summary = report.path("summary");
        List<String> failed = new ArrayList<>();
        report.path("results").path("failed_checks").forEach(c -> failed.add(c.path("check_id").asText() + " "
                + c.path("check_name").asText() + " — " + c.path("resource").asText() + " in "
                + c.path("file_path").asText() + ":" + c.path("file_line_range")));
        List<Suppression> suppressions = new ArrayList<>();
        report.path("results").path("skipped_checks").forEach(c -> suppressions.add(new Suppression(
                c.path("check_id").asText(), c.path("resource").asText(),
                c.path("check_result").path("suppress_comment").asText("").trim())));
        return new Report(command, result, report.path("check_type").asText(),
                summary.path("checkov_version").asText(), summary.path("passed").asInt(),
                summary.path("failed").asInt(-1), summary.path("parsing_errors").asInt(-1),
                summary.path("resource_count").asInt(), List.copyOf(failed), List.copyOf(suppressions));
    }

    private static String executable(Path root) {
        String configured = System.getProperty("checkov", System.getenv("CHECKOV"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venv = root.resolve("bicep/.venv/bin/checkov");
        return Files.isExecutable(venv) ? venv.toString() : "checkov";
    }
}
