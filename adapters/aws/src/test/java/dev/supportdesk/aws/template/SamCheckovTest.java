package dev.supportdesk.aws.template;

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
 * {@code checkov -f sam/template.yaml --framework cloudformation} passes: no failed check, no parsing
 * error, and every suppression a {@code Metadata: checkov: skip: - id: CKV_... comment: reason} on the
 * resource, with a real reason. checkov is the same pinned version as for the Bicep files
 * ({@link #CHECKOV_VERSION}; new releases add checks).
 *
 * <p>Without checkov this test fails rather than skips. It runs the executable named by the {@code CHECKOV}
 * environment variable or the {@code checkov} system property, else {@code bicep/.venv/bin/checkov} (what CI
 * creates), else {@code checkov} from the PATH.
 */
class SamCheckovTest {

    static final String CHECKOV_VERSION = "3.3.30";
    private static final String INSTALL_HINT = "python3 -m venv bicep/.venv && bicep/.venv/bin/pip install -r"
            + " bicep/requirements-checkov.txt (checkov " + CHECKOV_VERSION + " in its own virtual environment:"
            + " it pins an older boto3 than the SAM CLI and moto want), or CHECKOV=/path/to/checkov";
    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void checkovPassesOnTheSamTemplateWithOnlyReasonedSuppressions() throws Exception {
        Path root = SamTemplate.repositoryRoot();
        List<String> command = List.of(executable(root), "--file", SamTemplate.TEMPLATE, "--framework", "cloudformation",
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
            assertThat(report).as("one report (the cloudformation framework)").hasSize(1);
            report = report.get(0);
        }
        assertThat(report.path("check_type").asText()).as("framework checkov ran").isEqualTo("cloudformation");
        JsonNode summary = report.path("summary");
        assertThat(summary.path("checkov_version").asText())
                .as("checkov version (the suppressions were reviewed against it; install: %s)", INSTALL_HINT)
                .isEqualTo(CHECKOV_VERSION);

        List<String> failed = new ArrayList<>();
        report.path("results").path("failed_checks").forEach(c -> failed.add(c.path("check_id").asText() + " "
                + c.path("check_name").asText() + " — " + c.path("resource").asText() + " at line "
                + c.path("file_line_range")));
        assertThat(failed).as("failed checkov checks (fix the template, or skip in the resource's Metadata"
                + " with a reason)").isEmpty();
        assertThat(summary.path("failed").asInt(-1)).as("failed checks in the summary").isZero();
        assertThat(summary.path("parsing_errors").asInt(-1)).as("parsing errors; stderr:%n%s", result.stderr()).isZero();
        assertThat(summary.path("passed").asInt()).as("passed checks").isPositive();
        assertThat(summary.path("resource_count").asInt()).as("resources checkov saw").isGreaterThanOrEqualTo(30);

        List<String> unexplained = new ArrayList<>();
        report.path("results").path("skipped_checks").forEach(c -> {
            String reason = c.path("check_result").path("suppress_comment").asText("").trim();
            if (reason.length() < 40) {
                unexplained.add(c.path("check_id").asText() + " on " + c.path("resource").asText() + ": '" + reason + "'");
            }
        });
        assertThat(unexplained).as("suppressions without a real reason").isEmpty();

        assertThat(result.exitCode()).as("`%s` exit code; stderr:%n%s", shown, result.stderr()).isZero();
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
