package dev.supportdesk.predict;

import dev.supportdesk.domain.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code instances} against a model's metadata and turns them into the input tensor's rows.
 * Every message names the row and the feature.
 */
final class InstanceValidator {

    private final int maxBatchSize;

    InstanceValidator(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    float[][] rows(JsonNode instances, ModelMetadata metadata) {
        if (instances == null || instances.isNull()) {
            throw new InvalidInput("field 'instances' is required");
        }
        if (!instances.isArray()) {
            throw new InvalidInput("field 'instances' must be an array of objects");
        }
        if (instances.isEmpty() || instances.size() > maxBatchSize) {
            throw new InvalidInput("field 'instances' must hold between 1 and " + maxBatchSize
                    + " rows, got " + instances.size());
        }
        List<FeatureSpec> features = metadata.features();
        Set<String> known = new HashSet<>();
        features.forEach(feature -> known.add(feature.name()));
        float[][] rows = new float[instances.size()][features.size()];
        for (int row = 0; row < instances.size(); row++) {
            JsonNode instance = instances.get(row);
            String where = "instances[" + row + "]";
            if (!instance.isObject()) {
                throw new InvalidInput(where + " must be an object of feature values");
            }
            for (String field : (Iterable<String>) instance::fieldNames) {
                if (!known.contains(field)) {
                    throw new InvalidInput(where + " has unknown feature '" + field + "'; the model takes "
                            + String.join(", ", features.stream().map(FeatureSpec::name).toList()));
                }
            }
            for (int column = 0; column < features.size(); column++) {
                rows[row][column] = value(instance, features.get(column), where);
            }
        }
        return rows;
    }

    private static float value(JsonNode instance, FeatureSpec feature, String where) {
        JsonNode node = instance.get(feature.name());
        if (node == null || node.isNull()) {
            throw new InvalidInput(where + " is missing feature '" + feature.name() + "'");
        }
        if (!node.isNumber()) {
            throw new InvalidInput(where + "." + feature.name() + " must be a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidInput(where + "." + feature.name() + " must be a finite number");
        }
        if (value < feature.min() || value > feature.max()) {
            throw new InvalidInput(where + "." + feature.name() + " = " + node.asText()
                    + " is outside the valid range [" + feature.min() + ", " + feature.max() + "]");
        }
        return (float) value;
    }
}
