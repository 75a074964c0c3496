package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Result result = run(command, SamTemplate.repositoryRoot());
        String shown = String.join(" ", command);
        List<String> rules = WARNING_OR_ERROR.matcher(result.output).results()
                .map(m -> m.group(1)).distinct().collect(Collectors.toList());
        assertThat(rules)
                .as("`%s` reported warnings or errors:%n%s", shown, result.output)
                .isEmpty();
        assertThat(result.exitCode)
                .as("`%s` exit code; output:%n%s", shown, result.output)
                .isZero();
    }

    private static Result run(List<String> command, Path workingDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().put("SAM_CLI_TELEMETRY", "0");
        builder.environment().put("SAM_CLI_DISABLE_UPDATE_CHECK", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            fail("cannot run `%s` (%s); install the tools with: %s", command.get(0), e.getMessage(), INSTALL_HINT);
            throw e;
        }
        process.getOutputStream().close();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), captured));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("`%s` did not finish within %d s", String.join(" ", command), TIMEOUT_SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String output;
        synchronized (captured) {
            output = captured.toString(StandardCharsets.UTF_8);
        }
        if (process.exitValue() == 127 || output.contains("command not found")) {
            fail("`%s` is not installed; install the tools with: %s%n%s", command.get(0), INSTALL_HINT, output);
        }
        return new Result(process.exitValue(), output);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended or was killed; what was read is kept
        }
    }

    private record Result(int exitCode, String output) {
    }
}
