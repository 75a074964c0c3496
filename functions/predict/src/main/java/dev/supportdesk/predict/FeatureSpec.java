package dev.supportdesk.predict;

/** One input feature of a model: its name and the range of values it accepts. */
public record FeatureSpec(String name, double min, double max) {
}
