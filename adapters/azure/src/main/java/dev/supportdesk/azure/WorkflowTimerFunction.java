package dev.supportdesk.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import dev.supportdesk.azure.telemetry.InvocationLogContext;
import dev.supportdesk.azure.workflow.DurableWorkflowStarter;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.workflow.WorkflowRuns;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.springframework.context.ApplicationContext;

/**
 * The workflow's timer: starts the Durable Functions orchestration of the schedule slot it fired
 * for, with the slot's run id as instance id. The timer payload does not carry the occurrence it
 * fired for; the schedule fires every quarter hour, so the slot is the current time rounded down to
 * the quarter hour. A past-due firing (the host was down) therefore runs the latest slot once, and a
 * second firing for a slot, or one while that slot's instance is still running, starts nothing.
 * Each firing runs in its log context ({@link InvocationLogContext}: the invocation id, the host's trace).
 */
public final class WorkflowTimerFunction {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkflowTimerFunction.class);

    public static final String NAME = "workflowTimer";
    public static final String SCHEDULE = "0 */15 * * * *";
    static final Duration SLOT = Duration.ofMinutes(15);

    private final Clock clock;

    public WorkflowTimerFunction(ApplicationContext context) {
        this.clock = context.getBean(Clock.class);
    }

    @FunctionName(NAME)
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo,
                    @DurableClientInput(name = "durableContext") DurableClientContext durable,
                    ExecutionContext context) {
        try (LogContext.Scope scope = InvocationLogContext.open(NAME, context, null)) {
            LOG.info(handle(timerInfo, durable.getClient(), context.getLogger()));
        }
    }

    public String handle(String timerInfo, DurableTaskClient client, Logger log) {
        JsonNode info;
        try {
            info = Json.MAPPER.readTree(timerInfo == null ? "{}" : timerInfo);
        } catch (IOException e) {
            throw new IllegalArgumentException("the timer payload is not valid JSON");
        }
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException("the timer payload is not a JSON object");
        }
        Instant slot = slot(clock.instant());
        if (info.path("IsPastDue").asBoolean(false)) {
            log.warning("timer " + NAME + " fires late (IsPastDue); running the slot of " + slot);
        }
        WorkflowRuns.RunRef run = WorkflowRuns.scheduled(slot);
        boolean started = DurableWorkflowStarter.startIfAbsent(client, run);
        return (started ? "STARTED " : "ALREADY STARTED ") + run.runId() + " (" + NAME + " slot " + slot + ")";
    }

    static Instant slot(Instant now) {
        long millis = SLOT.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }
}
