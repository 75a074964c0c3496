package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.Checkov;
import org.junit.jupiter.api.Test;

/**
 * {@code checkov --file sam/template.yaml --framework cloudformation} passes: no failed check, no parsing
 * error, and every suppression a {@code Metadata: checkov: skip: - id: CKV_... comment: reason} on the
 * resource, with a real reason. Runs the pinned checkov ({@link Checkov}); without it this test fails rather
 * than skips.
 */
class SamCheckovTest {

    @Test
    void checkovPassesOnTheSamTemplateWithOnlyReasonedSuppressions() {
        Checkov.Report report = Checkov.run("cloudformation", "--file", SamTemplate.TEMPLATE);
        String stderr = report.result().stderr();

        assertThat(report.framework()).as("framework checkov ran").isEqualTo("cloudformation");
        assertThat(report.checkovVersion())
                .as("checkov version (the suppressions were reviewed against it; install: %s)", Checkov.INSTALL_HINT)
                .isEqualTo(Checkov.VERSION);
        assertThat(report.failedChecks()).as("failed checkov checks (fix the template, or skip in the resource's"
                + " Metadata with a reason)").isEmpty();
        assertThat(report.failedInSummary()).as("failed checks in the summary").isZero();
        assertThat(report.parsingErrors()).as("parsing errors; stderr:%n%s", stderr).isZero();
        assertThat(report.passed()).as("passed checks").isPositive();
        assertThat(report.resourceCount()).as("resources checkov saw").isGreaterThanOrEqualTo(30);
        assertThat(report.suppressionsWithoutReason(40)).as("suppressions without a real reason").isEmpty();
        assertThat(report.result().exitCode()).as("`%s` exit code; stderr:%n%s", report.command(), stderr).isZero();
    }
}
