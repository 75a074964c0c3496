package dev.supportdesk.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared test data are, whichever module directory a test runs in. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The repository's root: the nearest directory upwards that holds the Maven wrapper and {@code sam/}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("sam"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared/data} beside the repository: the OCR corpus and the wine-quality data. */
    public static Path sharedData() {
        return root().resolveSibling("shared").resolve("data");
    }
}
