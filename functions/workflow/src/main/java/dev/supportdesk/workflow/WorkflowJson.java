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

    public static ObjectNode run(WorkflowRun run) {
        ObjectNode node = Json.object().put("id", run.runId()).put("trigger", run.trigger()).put("status", run.status())
                .put("asOf", run.asOf()).put("startedAt", run.startedAt());
        if (run.finishedAt() != null) {
            node.put("finishedAt", run.finishedAt());
            node.put("durationMillis", Duration.between(Instant.parse(run.startedAt()),
                    Instant.parse(run.finishedAt())).toMillis());
        } else {
            node.putNull("finishedAt");
            node.putNull("durationMillis");
        }
        ObjectNode steps = node.putObject("steps");
        for (Map.Entry<String, int[]> entry : run.totals().entrySet()) {
            int[] counts = entry.getValue();
            steps.putObject(entry.getKey()).put("applied", counts[0]).put("skipped", counts[1])
                    .put("failed", counts[2]).put("batches", counts[3]);
        }
        run.failures().forEach(node.putArray("failures")::add);
        if (run.error() != null) {
            node.put("error", run.error());
        } else {
            node.putNull("error");
        }
        return node;
    }
}
