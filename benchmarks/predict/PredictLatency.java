import dev.supportdesk.predict.LoadedModel;
import dev.supportdesk.predict.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Single-row latency of the Java predictor in-process (ONNX Runtime, one thread), over the
 * held-out rows, printed as JSON like sklearn_predict_bench.py prints its own.
 */
public final class PredictLatency {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "models/wine-quality/1.0.0");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = 200;
        try (LoadedModel model = LoadedModel.load(ModelMetadata.parse(Files.readAllBytes(folder.resolve("metadata.json"))),
                Files.readAllBytes(folder.resolve("model.onnx")))) {
            int features = model.metadata().features().size();
            List<String> lines = Files.readAllLines(folder.resolve("heldout.csv"));
            float[][] rows = lines.subList(1, lines.size()).stream().map(line -> {
                String[] cells = line.split(",");
                float[] row = new float[features];
                for (int i = 0; i < features; i++) {
                    row[i] = Float.parseFloat(cells[i]);
                }
                return row;
            }).toArray(float[][]::new);
            long[] nanos = new long[calls];
            for (int i = 0; i < warmup + calls; i++) {
                float[][] one = {rows[i % rows.length]};
                long start = System.nanoTime();
                model.predict(one);
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("{\"p50_us\": %.1f, \"p99_us\": %.1f, \"calls\": %d}%n",
                    nanos[calls / 2] / 1000.0, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1000.0, calls);
        }
    }
}
