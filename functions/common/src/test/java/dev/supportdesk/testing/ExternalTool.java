package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a command-line tool a test depends on (cfn-lint, sam, checkov, asl-validator, ...) and
 * captures what it prints. A missing tool fails the test with the way to install it: these tests
 * never skip.
 */
public final class ExternalTool {

    /** What the tool printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }
    }

    private ExternalTool() {
    }

    public static Result run(List<String> command, Path workingDir, Duration timeout, String installHint) {
        return run(command, workingDir, timeout, installHint, environment -> { });
    }

    /** As {@link #run(List, Path, Duration, String)}, with the tool's environment adjusted first. */
    public static Result run(List<String> command, Path workingDir, Duration timeout, String installHint,
                             Consumer<Map<String, String>> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        environment.accept(builder.environment());
        String shown = String.join(" ", command);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `" + shown + "` (" + e.getMessage() + "); install it: " + installHint, e);
        }
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread out = Thread.ofVirtual().start(() -> copy(process.getInputStream(), stdout));
            Thread err = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), stderr));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("`%s` did not finish within %s", shown, timeout);
            }
            out.join(TimeUnit.SECONDS.toMillis(10));
            err.join(TimeUnit.SECONDS.toMillis(10));
            Result result = new Result(process.exitValue(), text(stdout), text(stderr));
            if (result.exitCode() == 127 || result.output().contains("command not found")) {
                fail("`%s` is not installed; install it: %s%n%s", command.get(0), installHint, result.output());
            }
            return result;
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw new AssertionError("running `" + shown + "` failed", e);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
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
}
