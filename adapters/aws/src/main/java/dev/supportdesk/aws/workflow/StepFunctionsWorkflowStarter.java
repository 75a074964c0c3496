package dev.supportdesk.aws.workflow;

import dev.supportdesk.workflow.WorkflowInputs;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowStarter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts a workflow run as an execution of the Step Functions state machine. The execution is
 * named after the run, so a second start of the same run is refused by Step Functions itself
 * (or returns the running execution when its input is the same) instead of running twice.
 */
public final class StepFunctionsWorkflowStarter implements WorkflowStarter {

    private static final Logger log = LoggerFactory.getLogger(StepFunctionsWorkflowStarter.class);

    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflowStarter(Supplier<SfnClient> sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(WorkflowRuns.RunRef run) {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
            throw new IllegalStateException("environment variable SUPPORTDESK_AWS_STATE_MACHINE_ARN is not set");
        }
        String input = WorkflowInputs.start(run).toString();
        try {
            String arn = sfn.get().startExecution(b -> b.stateMachineArn(stateMachineArn).name(run.runId()).input(input))
                    .executionArn();
            log.info("workflow run {} started as {}", run.runId(), arn);
        } catch (ExecutionAlreadyExistsException e) {
            log.info("workflow run {} has an execution already; not started twice", run.runId());
        }
    }
}
