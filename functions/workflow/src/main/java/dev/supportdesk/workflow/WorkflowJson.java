package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The JSON form of a run, as the API and the record step show it. */
public final class WorkflowJson {

    private WorkflowJson() {
    }

    /** The whole run: every tenant's figures and the failures. */
    public static ObjectNode run(WorkflowRun run) {
        ObjectNode node = header(run);
        steps(node, run.totals());
        run.failures().forEach(node.putArray("failures")::add);
        return error(node, run);
    }

    /**
     * {@code tenant}'s share of the run: the figures of its items only, and no failures (their text can
     * name other tenants' tickets).
     */
    public static ObjectNode shareOf(WorkflowRun run, String tenant) {
        ObjectNode node = header(run);
        steps(node, run.totalsOf(tenant));
        node.putArray("failures");
        return error(node, run);
    }

    private static ObjectNode header(WorkflowRun run) {
        ObjectNode node = Json.object().put("id", run.runId()).put("trigger", run.trigger()).put("status", run.status())
                .put("tenant", run.tenant()).put("asOf", run.asOf()).put("startedAt", run.startedAt());
        if (run.finishedAt() != null) {
            node.put("finishedAt", run.finishedAt());
            node.put("durationMillis", Duration.between(Instant.parse(run.startedAt()),
                    Instant.parse(run.finishedAt())).toMillis());
        } else {
            node.putNull("finishedAt");
            node.putNull("durationMillis");
        }
        return node;
    }

    private static void steps(ObjectNode node, Map<String, int[]> totals) {
        ObjectNode steps = node.putObject("steps");
        for (Map.Entry<String, int[]> entry : totals.entrySet()) {
            int[] counts = entry.getValue();
            steps.putObject(entry.getKey()).put("applied", counts[0]).put("skipped", counts[1])
                    .put("failed", counts[2]).put("batches", counts[3]);
        }
    }

    private static ObjectNode error(ObjectNode node, WorkflowRun run) {
        if (run.error() != null) {
            node.put("error", run.error());
        } else {
            node.putNull("error");
        }
        return node;
    }
}
