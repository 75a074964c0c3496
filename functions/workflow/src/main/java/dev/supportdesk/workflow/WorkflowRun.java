package dev.supportdesk.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one run: what started it, the time its rules were evaluated at, the result of every
 * batch (keyed by a digest of the batch's items, so a re-run batch replaces its own entry) and
 * failures. Times are ISO-8601 strings.
 *
 * @param status RUNNING, SUCCEEDED or FAILED (a step failed for good; see {@code error})
 */
public record WorkflowRun(String runId, String trigger, String asOf, String startedAt, String finishedAt,
                          String status, Map<String, BatchResult> batches, List<String> failures, String error) {

    public WorkflowRun {
        batches = batches == null ? Map.of() : Map.copyOf(batches);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** @param rule the rule's name; counts are items whose effect this run applied, found done or not due, or failed */
    public record BatchResult(String rule, int applied, int skipped, int failed) {
    }

    WorkflowRun withBatch(String key, BatchResult result) {
        Map<String, BatchResult> changed = new LinkedHashMap<>(batches);
        changed.put(key, result);
        return new WorkflowRun(runId, trigger, asOf, startedAt, finishedAt, status, changed, failures, error);
    }

    WorkflowRun withFailure(String failure) {
        List<String> changed = new java.util.ArrayList<>(failures);
        if (!changed.contains(failure)) {
            changed.add(failure);
        }
        return new WorkflowRun(runId, trigger, asOf, startedAt, finishedAt, status, batches, changed, error);
    }

    WorkflowRun finished(String at, String newStatus, String newError) {
        return new WorkflowRun(runId, trigger, asOf, startedAt, at, newStatus, batches, failures, newError);
    }

    /** Totals per rule: applied, skipped, failed and the number of batches. */
    public Map<String, int[]> totals() {
        Map<String, int[]> totals = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            totals.put(rule.name(), new int[4]);
        }
        batches.values().forEach(result -> {
            int[] counts = totals.computeIfAbsent(result.rule(), r -> new int[4]);
            counts[0] += result.applied();
            counts[1] += result.skipped();
            counts[2] += result.failed();
            counts[3]++;
        });
        return totals;
    }
}
