package dev.supportdesk.workflow;

import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.config.Functional;
import dev.supportdesk.config.HttpApiFunctions;
import java.time.Clock;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** {@link WorkflowConfiguration} as functional registrations (same beans, same constructors). */
public class WorkflowFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        new HttpApiFunctions().initialize(context);
        if (context.containsBeanDefinition("workflowRuns")) {
            return;
        }
        context.registerBean("workflowRuns", WorkflowRuns.class,
                () -> new WorkflowRuns(context.getBean(WorkflowStore.class), context.getBean(Clock.class),
                        Functional.telemetry(context)));
        context.registerBean("workflowRoutes", WorkflowRoutes.class,
                () -> new WorkflowRoutes(context.getBean(WorkflowRuns.class), WorkflowConfiguration.starter(context.getBeanProvider(WorkflowStarter.class))));
        Functional.<ScheduleFired, String>function(context, FunctionNames.SCHEDULE_FIRED, ScheduleFired.class, String.class,
                () -> new ScheduleReceiver(context.getBean(WorkflowRuns.class), WorkflowConfiguration.starter(context.getBeanProvider(WorkflowStarter.class))));
    }
}
