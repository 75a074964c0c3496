package dev.supportdesk.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.supportdesk.config.FunctionsConfiguration;
import dev.supportdesk.http.Json;
import dev.supportdesk.workflow.ScheduleFired;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/** The workflow's timer → neutral {@link ScheduleFired} → the core's {@code scheduleFired} function. */
public final class WorkflowTimerFunction {

    public static final String NAME = "workflowTimer";
    public static final String SCHEDULE = "0 */15 * * * *";

    private final Function<ScheduleFired, String> scheduleFired;
    private final Clock clock;

    public WorkflowTimerFunction(ApplicationContext context) {
        this.scheduleFired = context.getBean(FunctionCatalog.class).lookup(FunctionsConfiguration.SCHEDULE_FIRED);
        this.clock = context.getBean(Clock.class);
    }

    @FunctionName(NAME)
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, ExecutionContext context) {
        context.getLogger().info(handle(timerInfo, context.getLogger()));
    }

    /**
     * The timer payload does not carry the occurrence it fired for, only the previous and next ones;
     * schedules here fire on whole minutes, so the slot is the current minute.
     */
    public String handle(String timerInfo, Logger log) {
        JsonNode info;
        try {
            info = Json.MAPPER.readTree(timerInfo == null ? "{}" : timerInfo);
        } catch (IOException e) {
            throw new IllegalArgumentException("the timer payload is not valid JSON");
        }
        if (info.path("IsPastDue").asBoolean(false)) {
            log.warning("timer " + NAME + " fires late (IsPastDue)");
        }
        return scheduleFired.apply(new ScheduleFired(NAME, clock.instant().truncatedTo(ChronoUnit.MINUTES)));
    }
}
