package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import dev.supportdesk.azure.workflow.DurableWorkflowOrchestrator;
import java.time.Instant;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The timer starts one orchestration instance per schedule slot (instance id = the slot's run id),
 * against a mocked durable client: the Durable host cannot run here.
 */
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

    private static OrchestrationMetadata instance(OrchestrationRuntimeStatus status) {
        OrchestrationMetadata metadata = mock(OrchestrationMetadata.class);
        when(metadata.isInstanceFound()).thenReturn(true);
        when(metadata.getRuntimeStatus()).thenReturn(status);
        return metadata;
    }

    @Test
    void aFiringStartsTheOrchestrationOfItsQuarterHourSlotOnce() {
        DurableTaskClient client = mock(DurableTaskClient.class);
        String result = new WorkflowTimerFunction(context).handle(TIMER_INFO, client, Logger.getAnonymousLogger());
        assertThat(result).startsWith("STARTED ");
        ArgumentCaptor<NewOrchestrationInstanceOptions> options = ArgumentCaptor.forClass(NewOrchestrationInstanceOptions.class);
        verify(client).scheduleNewOrchestrationInstance(eq(DurableWorkflowOrchestrator.NAME), options.capture());
        String instanceId = options.getValue().getInstanceId();
        assertThat(instanceId).matches("[0-9]{8}T[0-9]{2}(00|15|30|45)00Z-schedule");
        assertThat((String) options.getValue().getInput()).contains("\"trigger\":\"SCHEDULE\"");
    }

    @Test
    void aSecondOrPastDueFiringForARunningOrCompletedSlotStartsNothing() {
        for (OrchestrationRuntimeStatus status : new OrchestrationRuntimeStatus[] {OrchestrationRuntimeStatus.PENDING,
                OrchestrationRuntimeStatus.RUNNING, OrchestrationRuntimeStatus.COMPLETED}) {
            DurableTaskClient client = mock(DurableTaskClient.class);
            OrchestrationMetadata existing = instance(status);
            when(client.getInstanceMetadata(any(), eq(false))).thenReturn(existing);
            String result = new WorkflowTimerFunction(context).handle(TIMER_INFO.replace("false", "true"), client,
                    Logger.getAnonymousLogger());
            assertThat(result).as("%s", status).startsWith("ALREADY STARTED ");
            verify(client, never()).scheduleNewOrchestrationInstance(any(), any(NewOrchestrationInstanceOptions.class));
        }
    }

    @Test
    void aFailedInstanceOfTheSlotIsStartedAgainToResumeTheRun() {
        DurableTaskClient client = mock(DurableTaskClient.class);
        OrchestrationMetadata failed = instance(OrchestrationRuntimeStatus.FAILED);
        when(client.getInstanceMetadata(any(), eq(false))).thenReturn(failed);
        assertThat(new WorkflowTimerFunction(context).handle(TIMER_INFO, client, Logger.getAnonymousLogger()))
                .startsWith("STARTED ");
    }

    @Test
    void slotsAreQuarterHours() {
        assertThat(WorkflowTimerFunction.slot(Instant.parse("2026-03-01T10:29:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(WorkflowTimerFunction.slot(Instant.parse("2026-03-01T10:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:30:00Z"));
    }

    @Test
    void aPayloadThatIsNotJsonIsAClearErrorAndStartsNothing() {
        DurableTaskClient client = mock(DurableTaskClient.class);
        assertThatThrownBy(() -> new WorkflowTimerFunction(context).handle("{not json", client, Logger.getAnonymousLogger()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timer payload is not valid JSON");
        assertThatThrownBy(() -> new WorkflowTimerFunction(context).handle("[1]", client, Logger.getAnonymousLogger()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        verify(client, never()).scheduleNewOrchestrationInstance(any(), any(NewOrchestrationInstanceOptions.class));
    }
}
