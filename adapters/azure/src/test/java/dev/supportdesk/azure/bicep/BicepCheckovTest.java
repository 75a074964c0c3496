package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.Checkov;
import org.junit.jupiter.api.Test;

/**
 * {@code checkov --directory bicep --framework bicep} passes: no failed check, no file it could not parse,
 * and every suppression an inline {@code // checkov:skip=CKV_...: reason} with a reason. There is no
 * Bicep compiler to run here (the Bicep CLI is a GitHub download, and neither npm nor PyPI ships
 * it); checkov's parser (pycep) is what reads the files, so a syntax error shows up as a parsing
 * error. Runs the pinned checkov ({@link Checkov}); without it this test fails rather than skips.
 */
class BicepCheckovTest {

    @Test
    void checkovPassesWithNoFailedCheckAndOnlyReasonedSuppressions() {
        Checkov.Report report = Checkov.run("bicep", "--directory", BicepSources.BICEP_DIR);
        String stderr = report.result().stderr();

        assertThat(report.checkovVersion())
                .as("checkov version (the suppressions were reviewed against it; install: %s)", Checkov.INSTALL_HINT)
                .isEqualTo(Checkov.VERSION);
        assertThat(report.failedChecks()).as("failed checkov checks").isEmpty();
        assertThat(report.failedInSummary()).as("failed checks in the summary").isZero();
        assertThat(report.parsingErrors()).as("files checkov could not parse; stderr:%n%s", stderr).isZero();
        assertThat(report.passed()).as("passed checks").isPositive();
        assertThat(report.resourceCount()).as("resources checkov saw").isGreaterThanOrEqualTo(30);
        assertThat(report.suppressionsWithoutReason(20)).as("suppressions without a real reason").isEmpty();
        assertThat(report.result().exitCode()).as("`%s` exit code; stderr:%n%s", report.command(), stderr).isZero();
    }
}
