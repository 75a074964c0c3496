package dev.supportdesk.predict;

import java.util.Map;

/** One row's answer: the predicted class and the probability of every class. */
public record Prediction(long label, Map<Long, Float> probabilities) {
}
