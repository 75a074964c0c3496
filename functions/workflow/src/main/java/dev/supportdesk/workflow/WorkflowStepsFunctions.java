package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.config.Functional;
import dev.supportdesk.tickets.TicketStore;
import java.util.function.Function;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** {@link WorkflowStepsConfiguration} as functional registrations (same beans, same constructors). */
public class WorkflowStepsFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        new WorkflowFunctions().initialize(context);
        Functional.properties(context, "supportdesk.workflow", WorkflowProperties.class);
        context.registerBean("workflowSettings", WorkflowSettings.class,
                () -> context.getBean(WorkflowProperties.class).settings());
        context.registerBean("workflowSteps", WorkflowSteps.class, () -> new WorkflowSteps(context.getBean(TicketStore.class),
                context.getBean(WorkflowStore.class), context.getBean(WorkflowRuns.class),
                context.getBean(WorkflowSettings.class), context.getBean(OcrReemitter.class), Functional.telemetry(context)));
        step(context, WorkflowDefinition.START, steps -> steps::start);
        step(context, WorkflowDefinition.FIND_DUE, steps -> steps::findDue);
        step(context, WorkflowDefinition.ESCALATE, steps -> steps::escalate);
        step(context, WorkflowDefinition.AUTO_CLOSE, steps -> steps::autoClose);
        step(context, WorkflowDefinition.RETRY_OCR, steps -> steps::retryOcr);
        step(context, WorkflowDefinition.BATCH_FAILED, steps -> steps::batchFailed);
        step(context, WorkflowDefinition.RECORD, steps -> steps::record);
    }

    private static void step(GenericApplicationContext context, String name,
                             Function<WorkflowSteps, Function<JsonNode, JsonNode>> body) {
        Functional.<String, String>function(context, name, String.class, String.class,
                () -> new WorkflowStepFunction(name, body.apply(context.getBean(WorkflowSteps.class))));
    }
}
