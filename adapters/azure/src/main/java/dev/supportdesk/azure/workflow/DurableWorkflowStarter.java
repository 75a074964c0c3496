package dev.supportdesk.azure.workflow;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import dev.supportdesk.workflow.WorkflowInputs;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowStarter;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Starts a run as a Durable Functions orchestration whose instance id is the run id: one instance
 * per run (a schedule slot's run, or an on-demand run). An instance of that id that is pending,
 * running or completed is not started again (a repeated or past-due firing, an overlapping start);
 * one that failed or was terminated is started afresh, resuming the run (its steps are idempotent).
 */
public final class DurableWorkflowStarter implements WorkflowStarter {

    private static final Set<OrchestrationRuntimeStatus> RESTARTABLE = EnumSet.of(OrchestrationRuntimeStatus.FAILED,
            OrchestrationRuntimeStatus.TERMINATED, OrchestrationRuntimeStatus.CANCELED);

    /** Where the durable client of the current invocation comes from (an input binding of the calling function). */
    private final Supplier<DurableTaskClient> client;

    public DurableWorkflowStarter(Supplier<DurableTaskClient> client) {
        this.client = client;
    }

    @Override
    public void start(WorkflowRuns.RunRef run) {
        startIfAbsent(client.get(), run);
    }

    /** @return whether an instance was scheduled */
    public static boolean startIfAbsent(DurableTaskClient client, WorkflowRuns.RunRef run) {
        OrchestrationMetadata existing = client.getInstanceMetadata(run.runId(), false);
        if (existing != null && existing.isInstanceFound() && !RESTARTABLE.contains(existing.getRuntimeStatus())) {
            return false;
        }
        String input = WorkflowInputs.start(run).toString();
        client.scheduleNewOrchestrationInstance(DurableWorkflowOrchestrator.NAME,
                new NewOrchestrationInstanceOptions().setInstanceId(run.runId()).setInput(input));
        return true;
    }
}
