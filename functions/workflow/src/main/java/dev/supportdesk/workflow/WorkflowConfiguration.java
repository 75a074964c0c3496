package dev.supportdesk.workflow;

import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.config.HttpApiConfiguration;
import java.time.Clock;
import java.util.function.Function;
import dev.supportdesk.telemetry.Telemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The workflow's entry points: {@code /workflow/runs} in the {@code api} function and the
 * {@value FunctionNames#SCHEDULE_FIRED} function. The runtime provides a {@link WorkflowStore}, a
 * {@link Clock} and, where runs can be started, a {@link WorkflowStarter}. The steps themselves are in
 * {@link WorkflowStepsConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(HttpApiConfiguration.class)
public class WorkflowConfiguration {

    @Bean
    WorkflowRuns workflowRuns(WorkflowStore store, Clock clock, ObjectProvider<Telemetry> telemetry) {
        return new WorkflowRuns(store, clock, telemetry.getIfAvailable(Telemetry::noop));
    }

    @Bean
    WorkflowRoutes workflowRoutes(WorkflowRuns runs, ObjectProvider<WorkflowStarter> starter) {
        return new WorkflowRoutes(runs, starter(starter));
    }

    @Bean(FunctionNames.SCHEDULE_FIRED)
    Function<ScheduleFired, String> scheduleFired(WorkflowRuns runs, ObjectProvider<WorkflowStarter> starter) {
        return new ScheduleReceiver(runs, starter(starter));
    }

    static WorkflowStarter starter(ObjectProvider<WorkflowStarter> starter) {
        return run -> starter.getIfAvailable(() -> r -> {
            throw new IllegalStateException("this runtime has no workflow engine to start run " + r.runId());
        }).start(run);
    }
}
