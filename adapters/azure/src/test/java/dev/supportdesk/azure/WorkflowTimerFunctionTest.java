package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The timer trigger's payload, as the host sends it, reaches the core's scheduleFired function. */
class WorkflowTimerFunctionTest {

    private static final String TIMER_INFO = """
            {"Schedule":{"AdjustForDST":true},
             "ScheduleStatus":{"Last":"2026-03-01T09:45:00+00:00","Next":"2026-03-01T10:15:00+00:00",
                               "LastUpdated":"2026-03-01T09:45:00.0123456+00:00"},
             "IsPastDue":false}""";

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        context = Emulators.azureContext();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aFiringBecomesScheduleFiredForTheCurrentSlot() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String result = new WorkflowTimerFunction(context).handle(TIMER_INFO, Logger.getAnonymousLogger());
        assertThat(result).startsWith("RECEIVED workflowTimer ");
        Instant slot = Instant.parse(result.substring("RECEIVED workflowTimer ".length()));
        assertThat(slot).isBetween(before, Instant.now());
        assertThat(slot.getEpochSecond() % 60).isZero();
    }

    @Test
    void theRunMethodLogsThroughTheExecutionContext() {
        new WorkflowTimerFunction(context).run(TIMER_INFO.replace("false", "true"), new FakeExecutionContext("workflowTimer"));
    }

    @Test
    void aPayloadThatIsNotJsonIsAClearError() {
        assertThatThrownBy(() -> new WorkflowTimerFunction(context).handle("{not json", Logger.getAnonymousLogger()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timer payload is not valid JSON");
    }
}
