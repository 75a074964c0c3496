package dev.supportdesk.workflow;

/**
 * Port: hands a run (already recorded by {@link WorkflowRuns#create}) to the runtime's engine: the
 * local runner, a Step Functions execution, a Durable Functions orchestration.
 */
@FunctionalInterface
public interface WorkflowStarter {

    void start(WorkflowRuns.RunRef run);
}
