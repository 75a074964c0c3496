package dev.supportdesk.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metadata.json} of a model package, as the training pipeline writes it: features in
 * input order with their valid ranges, class labels, tensor names, training metrics.
 */
public record ModelMetadata(String name, String version, String inputName, String labelOutput,
                            String probabilitiesOutput, List<FeatureSpec> features, List<Long> classes,
                            JsonNode metrics) {

    /** @throws InvalidModelPackageException when the document lacks or mangles a required part */
    public static ModelMetadata parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidModelPackageException("metadata.json is not valid JSON");
        }
        List<FeatureSpec> features = new ArrayList<>();
        for (JsonNode feature : root.path("features")) {
            if (!feature.path("name").isTextual() || !feature.path("min").isNumber() || !feature.path("max").isNumber()) {
                throw new InvalidModelPackageException("metadata.json has a feature without name, min or max");
            }
            features.add(new FeatureSpec(feature.path("name").asText(), feature.path("min").asDouble(),
                    feature.path("max").asDouble()));
        }
        List<Long> classes = new ArrayList<>();
        root.path("classes").forEach(label -> classes.add(label.asLong()));
        String label = null;
        String probabilities = null;
        for (JsonNode output : root.path("outputs")) {
            String outputName = output.path("name").asText();
            if (outputName.equals("label")) {
                label = outputName;
            } else if (outputName.equals("probabilities")) {
                probabilities = outputName;
            }
        }
        String name = root.path("name").asText("");
        String version = root.path("version").asText("");
        String input = root.path("input").path("name").asText("");
        if (name.isEmpty() || version.isEmpty() || input.isEmpty() || features.isEmpty() || classes.isEmpty()
                || label == null || probabilities == null) {
            throw new InvalidModelPackageException(
                    "metadata.json must give name, version, input.name, features, classes and the outputs label and probabilities");
        }
        return new ModelMetadata(name, version, input, label, probabilities, List.copyOf(features), List.copyOf(classes),
                root.path("metrics"));
    }
}
