package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.config.FunctionsConfiguration;
import dev.supportdesk.http.Json;
import dev.supportdesk.workflow.ScheduleFired;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point for EventBridge Scheduler and EventBridge scheduled events: event → neutral
 * {@link ScheduleFired} → the core's {@code scheduleFired} function.
 */
public final class ScheduleHandler implements RequestStreamHandler {

    private final Function<ScheduleFired, String> scheduleFired;

    public ScheduleHandler() {
        this(AwsRuntime.shared());
    }

    public ScheduleHandler(ApplicationContext context) {
        this.scheduleFired = context.getBean(FunctionCatalog.class).lookup(FunctionsConfiguration.SCHEDULE_FIRED);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(input);
        } catch (IOException e) {
            throw new IllegalArgumentException("the schedule event is not valid JSON", e);
        }
        String result = scheduleFired.apply(toScheduleFired(event));
        output.write(Json.bytes(Json.object().put("result", result)));
    }

    static ScheduleFired toScheduleFired(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the schedule event is not a JSON object");
        }
        String time = event.path("time").asText("");
        if (time.isEmpty()) {
            throw new IllegalArgumentException("the schedule event has no 'time'");
        }
        Instant scheduledAt;
        try {
            scheduledAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the schedule event's 'time' is not an ISO-8601 instant: " + time);
        }
        JsonNode resources = event.path("resources");
        String schedule = resources.isArray() && !resources.isEmpty()
                ? resources.get(0).asText() : event.path("source").asText("unknown");
        return new ScheduleFired(schedule, scheduledAt);
    }
}
