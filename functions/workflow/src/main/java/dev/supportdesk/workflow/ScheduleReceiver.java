package dev.supportdesk.workflow;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule fired: records the run of that schedule slot and hands it to the engine. A duplicate
 * firing for the same slot finds the run recorded already and starts nothing.
 */
public final class ScheduleReceiver implements Function<ScheduleFired, String> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleReceiver.class);

    private final WorkflowRuns runs;
    private final WorkflowStarter starter;

    public ScheduleReceiver(WorkflowRuns runs, WorkflowStarter starter) {
        this.runs = runs;
        this.starter = starter;
    }

    @Override
    public String apply(ScheduleFired event) {
        if (event == null || event.scheduledAt() == null) {
            throw new InvalidStepInputException("a schedule event needs the time slot it fired for (scheduledAt)");
        }
        WorkflowRuns.RunRef run = WorkflowRuns.scheduled(event.scheduledAt());
        if (!runs.create(run)) {
            log.info("schedule {} fired again for {}: run {} exists, not started twice", event.schedule(),
                    event.scheduledAt(), run.runId());
            return "DUPLICATE " + run.runId() + " (schedule " + event.schedule() + " at " + event.scheduledAt() + ")";
        }
        starter.start(run);
        return "STARTED " + run.runId() + " (schedule " + event.schedule() + " at " + event.scheduledAt() + ")";
    }
}
