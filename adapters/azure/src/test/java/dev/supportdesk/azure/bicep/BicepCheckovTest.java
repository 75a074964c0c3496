package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code checkov -d bicep --framework bicep} passes: no failed check, no file it could not parse,
 * and every suppression an inline {@code // checkov:skip=CKV_...: reason} with a reason. There is no
 * Bicep compiler to run here (the Bicep CLI is a GitHub download, and neither npm nor PyPI ships
 * it); checkov's parser (pycep) is what reads the files, so a syntax error shows up as a parsing
 * error. checkov is pinned, as new releases add checks: {@link #CHECKOV_VERSION}.
 *
 * <p>Without checkov this test fails rather than skips. It runs the executable named by the {@code CHECKOV}
 * environment variable or the {@code checkov} system property, else {@code bicep/.venv/bin/checkov} (what CI
 * creates), else {@code checkov} from the PATH.
 */
class BicepCheckovTest {

    static final String CHECKOV_VERSION = "3.3.30";
    private static final String INSTALL_HINT = "pip install checkov==" + CHECKOV_VERSION
            + " (it pins an older boto3 than the SAM CLI and moto want, so preferably in its own virtual"
            + " environment: python3 -m venv bicep/.venv && bicep/.venv/bin/pip install -r bicep/requirements-checkov.txt,"
            + " which this test uses when present; otherwise checkov from the PATH or CHECKOV=/path/to/checkov)";
    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void checkovPassesWithNoFailedCheckAndOnlyReasonedSuppressions() throws Exception {
        Path root = BicepSources.repositoryRoot();
        List<String> command = List.of(executable(), "--directory", BicepSources.BICEP_DIR, "--framework", "bicep",
                "--output", "json", "--compact", "--skip-download", "--no-fail-on-crash");
        // Offline: no platform API key, no guideline download, no version check.
        ExternalTool.Result result = ExternalTool.run(command, root, Duration.ofSeconds(TIMEOUT_SECONDS), INSTALL_HINT,
                environment -> {
                    environment.put("CHECKOV_RUN_SCA_PACKAGE_SCAN_V2", "false");
                    environment.put("BC_SKIP_MAPPING", "TRUE");
                    environment.put("LOG_LEVEL", "WARNING");
                    environment.remove("BC_API_KEY");
                });
        String shown = String.join(" ", command);

        JsonNode report;
        try {
            report = new ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("`" + shown + "` printed no JSON report (exit " + result.exitCode() + "):\n"
                    + result.stdout() + "\n" + result.stderr(), e);
        }
        if (report.isArray()) {
            assertThat(report).as("one report (the bicep framework)").hasSize(1);
            report = report.get(0);
        }
        JsonNode summary = report.path("summary");
        assertThat(summary.path("checkov_version").asText())
                .as("checkov version (the suppressions were reviewed against it; install: %s)", INSTALL_HINT)
                .isEqualTo(CHECKOV_VERSION);

        List<String> failed = new ArrayList<>();
        report.path("results").path("failed_checks").forEach(c -> failed.add(c.path("check_id").asText() + " "
                + c.path("check_name").asText() + " — " + c.path("resource").asText() + " in " + c.path("file_path").asText()
                + ":" + c.path("file_line_range")));
        assertThat(failed).as("failed checkov checks").isEmpty();
        assertThat(summary.path("failed").asInt(-1)).as("failed checks in the summary").isZero();
        assertThat(summary.path("parsing_errors").asInt(-1)).as("files checkov could not parse; stderr:%n%s", result.stderr()).isZero();
        assertThat(summary.path("passed").asInt()).as("passed checks").isPositive();
        assertThat(summary.path("resource_count").asInt()).as("resources checkov saw").isGreaterThanOrEqualTo(30);

        List<String> unexplained = new ArrayList<>();
        report.path("results").path("skipped_checks").forEach(c -> {
            String reason = c.path("check_result").path("suppress_comment").asText("").trim();
            if (reason.length() < 20) {
                unexplained.add(c.path("check_id").asText() + " on " + c.path("resource").asText() + ": '" + reason + "'");
            }
        });
        assertThat(unexplained).as("suppressions without a real reason").isEmpty();

        assertThat(result.exitCode()).as("`%s` exit code; stderr:%n%s", shown, result.stderr()).isZero();
    }

    private static String executable() {
        String configured = System.getProperty("checkov", System.getenv("CHECKOV"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venv = BicepSources.repositoryRoot().resolve("bicep/.venv/bin/checkov");
        return Files.isExecutable(venv) ? venv.toString() : "checkov";
    }
}
