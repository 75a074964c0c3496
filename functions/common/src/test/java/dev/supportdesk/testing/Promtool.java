package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checks a Prometheus text exposition with Prometheus's own {@code promtool check metrics} (Debian package
 * {@code prometheus}, installed by {@code .ci/run}) rather than a hand-written parser. Without promtool the
 * calling test fails with the install command; it never skips.
 */
public final class Promtool {

    private Promtool() {
    }

    /** Asserts that promtool accepts {@code exposition}; {@code dir} holds the file it reads. */
    public static void assertAccepts(String exposition, Path dir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "metrics", ".txt");
        Files.writeString(file, exposition);
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run installs it): "
                    + e.getMessage(), e);
        }
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished within 60 s").isTrue();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.exitValue()).as("promtool check metrics: %s", verdict).isZero();
    }
}
