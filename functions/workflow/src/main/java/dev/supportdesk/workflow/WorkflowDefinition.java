package dev.supportdesk.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The workflow as data, written once: the step functions it calls (by their Spring Cloud Function
 * bean name), the stages in order, the fan-out and the retry/catch policy. The AWS state machine is
 * generated from it (the AWS adapter's {@code AslGenerator}); the Azure orchestrator and the local runner
 * ({@link WorkflowInterpreter}) interpret it.
 *
 * <p>Shape: {@code start}, then for each stage a loop of {@code find} (one round of up to
 * {@code batchesPerRound} batches) and a parallel fan-out of the stage's batch step over those
 * batches (at most {@code maxConcurrency} at once) while {@code find} says there is more, then
 * {@code record} (each step's input is built by {@link WorkflowInputs}). A step that still fails after its retries is caught: a failed batch is reported
 * to {@code batchFailed} and the run goes on; a failed {@code find} ends the run, recorded as failed.
 *
 * @param name the workflow's name (the state machine's comment, the orchestrator's name)
 * @param startStep creates or resumes the run record
 * @param findStep finds the due items of a rule, one round of batches at a time
 * @param stages the rules in order, each with the step that applies it to one batch
 * @param batchFailedStep records a batch whose step failed for good
 * @param recordStep completes the run record
 * @param maxConcurrency how many batches of a round run at once
 * @param retry the retry policy of every step
 */
public record WorkflowDefinition(String name, String startStep, String findStep, List<Stage> stages,
                                 String batchFailedStep, String recordStep, int maxConcurrency, Retry retry) {

    public static final String START = "workflowStart";
    public static final String FIND_DUE = "workflowFindDue";
    public static final String ESCALATE = "workflowEscalate";
    public static final String AUTO_CLOSE = "workflowAutoClose";
    public static final String RETRY_OCR = "workflowRetryOcr";
    public static final String BATCH_FAILED = "workflowBatchFailed";
    public static final String RECORD = "workflowRecord";

    /** The one workflow of supportdesk. */
    public static final WorkflowDefinition STANDARD = new WorkflowDefinition(
            "supportdesk-workflow", START, FIND_DUE,
            List.of(new Stage(Rule.ESCALATE, ESCALATE), new Stage(Rule.AUTO_CLOSE, AUTO_CLOSE),
                    new Stage(Rule.RETRY_OCR, RETRY_OCR)),
            BATCH_FAILED, RECORD, 10,
            new Retry(3, Duration.ofSeconds(2), 2.0, List.of(InvalidStepInputException.class.getName())));

    public WorkflowDefinition {
        Objects.requireNonNull(name);
        stages = List.copyOf(stages);
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
    }

    /** Every step function the workflow calls, in order of appearance. */
    public List<String> steps() {
        java.util.List<String> steps = new java.util.ArrayList<>(List.of(startStep, findStep));
        stages.forEach(stage -> steps.add(stage.batchStep()));
        steps.add(batchFailedStep);
        steps.add(recordStep);
        return steps;
    }

    /** @param batchStep the step function applying {@code rule} to one batch */
    public record Stage(Rule rule, String batchStep) {
    }

    /**
     * @param maxRetries retries after the first attempt
     * @param interval wait before the first retry
     * @param backoffRate factor applied to the wait before each further retry
     * @param nonRetryable error names (exception class names) never retried: bad input stays bad
     */
    public record Retry(int maxRetries, Duration interval, double backoffRate, List<String> nonRetryable) {

        public Retry {
            nonRetryable = List.copyOf(nonRetryable);
        }

        /** The wait before retry number {@code retry} (1-based). */
        public Duration delayBefore(int retry) {
            return Duration.ofMillis((long) (interval.toMillis() * Math.pow(backoffRate, retry - 1)));
        }
    }
}
