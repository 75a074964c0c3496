package dev.supportdesk.workflow;

import dev.supportdesk.tickets.TicketStore;
import java.util.function.Function;
import dev.supportdesk.telemetry.Telemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The workflow's steps as functions named in {@link WorkflowDefinition}: JSON text in, JSON text out.
 * The runtime provides a {@link TicketStore} and an {@link OcrReemitter} (in-process where the
 * instance has the OCR engine, an asynchronous invoke of the OCR function on AWS).
 */
@Configuration(proxyBeanMethods = false)
@Import(WorkflowConfiguration.class)
@EnableConfigurationProperties(WorkflowProperties.class)
public class WorkflowStepsConfiguration {

    @Bean
    WorkflowSettings workflowSettings(WorkflowProperties properties) {
        return properties.settings();
    }

    @Bean
    WorkflowSteps workflowSteps(TicketStore tickets, WorkflowStore store, WorkflowRuns runs, WorkflowSettings settings,
                                OcrReemitter reemitter, ObjectProvider<Telemetry> telemetry) {
        return new WorkflowSteps(tickets, store, runs, settings, reemitter, telemetry.getIfAvailable(Telemetry::noop));
    }

    @Bean(WorkflowDefinition.START)
    Function<String, String> workflowStart(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.START, steps::start);
    }

    @Bean(WorkflowDefinition.FIND_DUE)
    Function<String, String> workflowFindDue(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.FIND_DUE, steps::findDue);
    }

    @Bean(WorkflowDefinition.ESCALATE)
    Function<String, String> workflowEscalate(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.ESCALATE, steps::escalate);
    }

    @Bean(WorkflowDefinition.AUTO_CLOSE)
    Function<String, String> workflowAutoClose(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.AUTO_CLOSE, steps::autoClose);
    }

    @Bean(WorkflowDefinition.RETRY_OCR)
    Function<String, String> workflowRetryOcr(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.RETRY_OCR, steps::retryOcr);
    }

    @Bean(WorkflowDefinition.BATCH_FAILED)
    Function<String, String> workflowBatchFailed(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.BATCH_FAILED, steps::batchFailed);
    }

    @Bean(WorkflowDefinition.RECORD)
    Function<String, String> workflowRecord(WorkflowSteps steps) {
        return new WorkflowStepFunction(WorkflowDefinition.RECORD, steps::record);
    }
}
