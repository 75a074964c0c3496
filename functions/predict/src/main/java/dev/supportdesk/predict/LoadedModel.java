package dev.supportdesk.predict;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model package loaded into ONNX Runtime once and kept for the life of the instance. The session
 * is checked against the metadata at load time (input and output names, feature and class counts),
 * so a mismatched package fails there, with a clear message, and never on a request.
 */
public final class LoadedModel implements AutoCloseable {

    private final ModelMetadata metadata;
    private final OrtSession session;

    private LoadedModel(ModelMetadata metadata, OrtSession session) {
        this.metadata = metadata;
        this.session = session;
    }

    public static LoadedModel load(ModelMetadata metadata, byte[] onnx) {
        OrtSession session;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(onnx, options);
        } catch (OrtException e) {
            throw new InvalidModelPackageException("model.onnx cannot be loaded by ONNX Runtime: " + e.getMessage());
        }
        try {
            check(metadata, session);
        } catch (RuntimeException | OrtException e) {
            closeQuietly(session);
            throw e instanceof InvalidModelPackageException invalid ? invalid
                    : new InvalidModelPackageException("model.onnx does not match its metadata: " + e.getMessage());
        }
        return new LoadedModel(metadata, session);
    }

    private static void check(ModelMetadata metadata, OrtSession session) throws OrtException {
        if (!session.getInputNames().contains(metadata.inputName())) {
            throw new InvalidModelPackageException("model.onnx has no input named '" + metadata.inputName() + "'");
        }
        long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(metadata.inputName()).getInfo()).getShape();
        if (shape.length != 2 || shape[1] != metadata.features().size()) {
            throw new InvalidModelPackageException("model.onnx takes " + (shape.length == 2 ? shape[1] : "?")
                    + " features but metadata.json lists " + metadata.features().size());
        }
        for (String output : new String[] {metadata.labelOutput(), metadata.probabilitiesOutput()}) {
            if (!session.getOutputNames().contains(output)) {
                throw new InvalidModelPackageException("model.onnx has no output named '" + output + "'");
            }
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** Runs the model on rows that have already been validated against the metadata. */
    public Prediction[] predict(float[][] rows) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, rows);
             OrtSession.Result result = session.run(Map.of(metadata.inputName(), input))) {
            long[] labels = (long[]) value(result, metadata.labelOutput()).getValue();
            float[][] probabilities = (float[][]) value(result, metadata.probabilitiesOutput()).getValue();
            Prediction[] predictions = new Prediction[rows.length];
            for (int row = 0; row < rows.length; row++) {
                Map<Long, Float> byClass = new LinkedHashMap<>();
                for (int c = 0; c < metadata.classes().size(); c++) {
                    byClass.put(metadata.classes().get(c), probabilities[row][c]);
                }
                predictions[row] = new Prediction(labels[row], byClass);
            }
            return predictions;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on validated input", e);
        }
    }

    private static OnnxValue value(OrtSession.Result result, String name) {
        Optional<OnnxValue> value = result.get(name);
        return value.orElseThrow(() -> new IllegalStateException("the model produced no output " + name));
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing a session only frees native memory; nothing to recover
        }
    }
}
