package dev.supportdesk.aws;

import dev.supportdesk.aws.workflow.StepFunctionsWorkflowStarter;
import dev.supportdesk.tickets.TicketsConfiguration;
import dev.supportdesk.workflow.WorkflowConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The API function ({@link HttpApiHandler}): ticket and workflow-run routes. Its zip carries neither
 * the OCR engine binding nor the model runtime.
 */
@Configuration(proxyBeanMethods = false)
@Import({AwsTablesConfiguration.class, TicketsConfiguration.class, WorkflowConfiguration.class})
public class AwsApiConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy // only POST /workflow/runs uses it; not on every cold start
    SfnClient sfnClient() {
        return AwsClients.sfn();
    }

    @Bean
    StepFunctionsWorkflowStarter workflowStarter(ObjectProvider<SfnClient> sfn, AwsProperties properties) {
        return new StepFunctionsWorkflowStarter(sfn::getObject, properties.stateMachineArn());
    }
}
