package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.ExternalTool;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SAM template passes both linters with no warning and no error (informational messages are
 * allowed). The tools come from PyPI: {@code pip install aws-sam-cli cfn-lint}; without them this
 * test fails rather than skips, so a clean template is never assumed.
 */
class SamTemplateLintTest {

    private static final long TIMEOUT_SECONDS = 180;
    private static final String INSTALL_HINT = "pip install aws-sam-cli cfn-lint";
    /** A cfn-lint rule id at the start of a line or inside brackets: W3005, E3012, [E0000: ...]. */
    private static final Pattern WARNING_OR_ERROR = Pattern.compile("(?m)(?:^|[\\s\\[(])([EW]\\d{4})\\b");

    @Test
    void cfnLintReportsNoWarningOrError() throws Exception {
        assertClean(List.of("cfn-lint", SamTemplate.TEMPLATE));
    }

    @Test
    void samValidateLintReportsNoWarningOrError() throws Exception {
        assertClean(List.of("sam", "validate", "--lint", "--template", SamTemplate.TEMPLATE, "--region", "eu-west-1"));
    }

    private static void assertClean(List<String> command) throws Exception {
        ExternalTool.Result result = ExternalTool.run(command, SamTemplate.repositoryRoot(),
                Duration.ofSeconds(TIMEOUT_SECONDS), INSTALL_HINT, environment -> {
                    environment.put("SAM_CLI_TELEMETRY", "0");
                    environment.put("SAM_CLI_DISABLE_UPDATE_CHECK", "1");
                });
        String shown = String.join(" ", command);
        List<String> rules = WARNING_OR_ERROR.matcher(result.output()).results()
                .map(m -> m.group(1)).distinct().collect(Collectors.toList());
        assertThat(rules)
                .as("`%s` reported warnings or errors:%n%s", shown, result.output())
                .isEmpty();
        assertThat(result.exitCode())
                .as("`%s` exit code; output:%n%s", shown, result.output())
                .isZero();
    }
}
