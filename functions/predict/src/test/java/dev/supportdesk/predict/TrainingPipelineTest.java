package dev.supportdesk.predict;

import dev.supportdesk.testing.ProjectPaths;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python side: retrains the model with scikit-learn from the shared data (train.py also
 * checks ONNX against scikit-learn on every held-out row) and requires the shipped package to be
 * reproduced byte for byte, so the expectations {@link ModelParityTest} reads are scikit-learn's own.
 * Uses {@code training/wine-quality/.venv} (CI creates it from the pinned requirements) or the
 * interpreter named by {@code TRAINING_PYTHON}.
 */
class TrainingPipelineTest {

    private static final Path ROOT = ProjectPaths.root();

    @TempDir
    Path out;

    @Test
    void retrainingReproducesTheShippedPackageExactly() throws Exception {
        Path venv = ROOT.resolve("training/wine-quality/.venv/bin/python");
        String python = System.getenv().getOrDefault("TRAINING_PYTHON",
                Files.isExecutable(venv) ? venv.toString() : "python3");
        Path log = out.resolve("train.log");
        Process process;
        try {
            process = new ProcessBuilder(python, "training/wine-quality/train.py", "--out", out.toString(), "--no-cache")
                    .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + python + "; create the training environment with: python3 -m venv "
                    + "training/wine-quality/.venv && training/wine-quality/.venv/bin/pip install -r "
                    + "training/wine-quality/requirements.txt", e);
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("training finished in time").isTrue();
        assertThat(process.exitValue()).as("train.py failed:%n%s%nInstall its requirements with: python3 -m venv "
                        + "training/wine-quality/.venv && training/wine-quality/.venv/bin/pip install -r "
                        + "training/wine-quality/requirements.txt", Files.readString(log)).isZero();
        for (String file : new String[] {"model.onnx", "metadata.json", "heldout.csv"}) {
            assertThat(Files.mismatch(out.resolve(file), ModelParityTest.PACKAGE.resolve(file)))
                    .as("%s differs from the shipped package", file).isEqualTo(-1L);
        }
    }
}
