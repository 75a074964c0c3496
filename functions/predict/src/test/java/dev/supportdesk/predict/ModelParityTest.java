package dev.supportdesk.predict;

import dev.supportdesk.testing.ProjectPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped model package served by ONNX Runtime Java gives scikit-learn's answers on the whole
 * held-out split: the same label for every row, probabilities within 1e-5. The expectations in
 * {@code heldout.csv} are written by scikit-learn itself in {@code training/wine-quality/train.py}
 * (CI re-runs the training and checks the package is reproduced byte for byte).
 */
class ModelParityTest {

    static final Path PACKAGE = ProjectPaths.root().resolve("models/wine-quality/1.0.0");

    private static LoadedModel model;

    @BeforeAll
    static void load() throws IOException {
        model = LoadedModel.load(ModelMetadata.parse(Files.readAllBytes(PACKAGE.resolve("metadata.json"))),
                Files.readAllBytes(PACKAGE.resolve("model.onnx")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void javaPredictionsEqualScikitLearnsOnEveryHeldOutRow() throws IOException {
        List<String> lines = Files.readAllLines(PACKAGE.resolve("heldout.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int features = model.metadata().features().size();
        assertThat(header.subList(0, features))
                .containsExactlyElementsOf(model.metadata().features().stream().map(FeatureSpec::name).toList());
        int labelColumn = header.indexOf("expected_label");
        List<float[]> rows = new ArrayList<>();
        List<String[]> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            float[] row = new float[features];
            for (int i = 0; i < features; i++) {
                row[i] = Float.parseFloat(cells[i]);
            }
            rows.add(row);
            expected.add(cells);
        }
        assertThat(rows).hasSize(model.metadata().metrics().path("heldOutRows").asInt());

        Prediction[] predictions = model.predict(rows.toArray(new float[0][]));
        double maxDifference = 0;
        for (int r = 0; r < predictions.length; r++) {
            String[] cells = expected.get(r);
            assertThat(predictions[r].label()).as("row %d label", r).isEqualTo(Long.parseLong(cells[labelColumn]));
            for (Long label : model.metadata().classes()) {
                double want = Double.parseDouble(cells[header.indexOf("p_" + label)]);
                double difference = Math.abs(predictions[r].probabilities().get(label) - want);
                maxDifference = Math.max(maxDifference, difference);
            }
        }
        assertThat(maxDifference).as("largest probability difference").isLessThan(1e-5);
    }

    @Test
    void aPackageWhoseMetadataDoesNotMatchTheModelIsRefusedAtLoad() throws IOException {
        String metadata = Files.readString(PACKAGE.resolve("metadata.json"))
                .replace("\"name\": \"features\"", "\"name\": \"inputs\"");
        assertThatThrownBy(() -> LoadedModel.load(ModelMetadata.parse(metadata.getBytes()),
                Files.readAllBytes(PACKAGE.resolve("model.onnx"))))
                .isInstanceOf(InvalidModelPackageException.class).hasMessageContaining("no input named 'inputs'");
        assertThatThrownBy(() -> LoadedModel.load(ModelMetadata.parse(Files.readAllBytes(PACKAGE.resolve("metadata.json"))),
                "not an onnx model".getBytes()))
                .isInstanceOf(InvalidModelPackageException.class).hasMessageContaining("cannot be loaded");
        assertThatThrownBy(() -> ModelMetadata.parse("{\"name\":\"x\"}".getBytes()))
                .isInstanceOf(InvalidModelPackageException.class).hasMessageContaining("must give");
    }
}
