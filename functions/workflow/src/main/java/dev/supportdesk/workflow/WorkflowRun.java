package dev.supportdesk.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one run: what started it, the time its rules were evaluated at, the tickets it covers
 * (one tenant's, or every tenant's), the result of every batch (keyed by a digest of the batch's items,
 * so a re-run batch replaces its own entry) and failures. Times are ISO-8601 strings.
 *
 * @param status RUNNING, SUCCEEDED or FAILED (a step failed for good; see {@code error})
 * @param tenant the only tenant whose tickets the run covers; null for a run over every tenant
 */
public record WorkflowRun(String runId, String trigger, String asOf, String startedAt, String finishedAt,
                          String status, Map<String, BatchResult> batches, List<String> failures, String error,
                          String tenant) {

    public WorkflowRun {
        batches = batches == null ? Map.of() : Map.copyOf(batches);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /**
     * @param rule the rule's name; counts are items whose effect this run applied, found done or not due, or failed
     * @param tenants the same counts per tenant of the batch's items (runs recorded before they were kept have none)
     */
    public record BatchResult(String rule, int applied, int skipped, int failed, Map<String, Counts> tenants) {

        public BatchResult {
            tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        }
    }

    /** Items whose effect a batch applied, found done or not due, or failed. */
    public record Counts(int applied, int skipped, int failed) {
    }

    /** Whether the run covers {@code tenantId}'s tickets. */
    public boolean covers(String tenantId) {
        return tenant == null || tenant.equals(tenantId);
    }

    WorkflowRun withBatch(String key, BatchResult result) {
        Map<String, BatchResult> changed = new LinkedHashMap<>(batches);
        changed.put(key, result);
        return new WorkflowRun(runId, trigger, asOf, startedAt, finishedAt, status, changed, failures, error, tenant);
    }

    WorkflowRun withFailure(String failure) {
        List<String> changed = new java.util.ArrayList<>(failures);
        if (!changed.contains(failure)) {
            changed.add(failure);
        }
        return new WorkflowRun(runId, trigger, asOf, startedAt, finishedAt, status, batches, changed, error, tenant);
    }

    WorkflowRun finished(String at, String newStatus, String newError) {
        return new WorkflowRun(runId, trigger, asOf, startedAt, at, newStatus, batches, failures, newError, tenant);
    }

    /** Totals per rule: applied, skipped, failed and the number of batches. */
    public Map<String, int[]> totals() {
        Map<String, int[]> totals = emptyTotals();
        batches.values().forEach(result -> add(totals, result.rule(),
                new Counts(result.applied(), result.skipped(), result.failed())));
        return totals;
    }

    /** {@code tenantId}'s share of the totals: its items only, and the batches that held any of them. */
    public Map<String, int[]> totalsOf(String tenantId) {
        Map<String, int[]> totals = emptyTotals();
        batches.values().forEach(result -> {
            Counts counts = result.tenants().get(tenantId);
            if (counts != null) {
                add(totals, result.rule(), counts);
            }
        });
        return totals;
    }

    private static Map<String, int[]> emptyTotals() {
        Map<String, int[]> totals = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            totals.put(rule.name(), new int[4]);
        }
        return totals;
    }

    private static void add(Map<String, int[]> totals, String rule, Counts counts) {
        int[] sum = totals.computeIfAbsent(rule, r -> new int[4]);
        sum[0] += counts.applied();
        sum[1] += counts.skipped();
        sum[2] += counts.failed();
        sum[3]++;
    }
}
