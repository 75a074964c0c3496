package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.AwsProperties;
import dev.supportdesk.aws.workflow.LambdaOcrReemitter;
import dev.supportdesk.aws.workflow.StepFunctionsWorkflowStarter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every ARN the code invokes or starts is the resource the template deploys and configures. The
 * workflow re-emits OCR work with an asynchronous invoke ({@link LambdaOcrReemitter}) of
 * {@code SUPPORTDESK_AWS_OCR_FUNCTION_ARN}: its retries and on-failure queue are UploadFunction's
 * {@code EventInvokeConfig}, which SAM attaches to the {@code AutoPublishAlias} ("Configuration options
 * for asynchronous Lambda Alias or Version invocations", SAM EventInvokeConfiguration; the generated
 * AWS::Lambda::EventInvokeConfig has {@code Qualifier: live}). An invoke of the unqualified ARN runs
 * {@code $LATEST}, which has no such configuration: Lambda's defaults (two retries, six hours, no
 * destination) and a failure lost. The API starts the state machine ({@link StepFunctionsWorkflowStarter})
 * by {@code SUPPORTDESK_AWS_STATE_MACHINE_ARN}; the state machine invokes the step function's alias.
 */
class InvokeTargetsTest {

    private static Map<String, Object> resources;
    private static Map<String, Object> variables;
    private static Map<String, Object> globals;

    @BeforeAll
    static void load() throws IOException {
        Map<String, Object> template = SamTemplate.load();
        resources = map(template.get("Resources"));
        globals = map(map(template.get("Globals")).get("Function"));
        variables = map(map(globals.get("Environment")).get("Variables"));
        // the settings these tests are about are the ones the code reads
        assertThat(dev.supportdesk.config.EnvironmentVariableNames.of(AwsProperties.class))
                .contains("SUPPORTDESK_AWS_OCR_FUNCTION_ARN", "SUPPORTDESK_AWS_STATE_MACHINE_ARN");
    }

    @Test
    void theOcrFunctionIsInvokedThroughTheAliasThatCarriesItsFailureDestination() {
        Map<String, Object> upload = map(map(resources.get("UploadFunction")).get("Properties"));
        Object alias = upload.getOrDefault("AutoPublishAlias", globals.get("AutoPublishAlias"));
        assertThat(alias).as("UploadFunction publishes an alias").isNotNull();
        assertThat(map(upload.get("EventInvokeConfig")).get("DestinationConfig"))
                .as("UploadFunction's EventInvokeConfig has an on-failure destination").isNotNull();
        String name = String.valueOf(map(upload.get("FunctionName")).get("Fn::Sub"));

        String expected = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + name + ":" + alias;
        assertThat(variables.get("SUPPORTDESK_AWS_OCR_FUNCTION_ARN"))
                .as("SUPPORTDESK_AWS_OCR_FUNCTION_ARN: UploadFunction's '%s' alias, where SAM attaches the EventInvokeConfig", alias)
                .isEqualTo(Map.of("Fn::Sub", expected));
    }

    @Test
    void theStateMachineStartedIsTheOneDeployedAndItInvokesTheStepFunctionsAlias() {
        Map<String, Object> machine = map(map(resources.get("WorkflowStateMachine")).get("Properties"));
        String name = String.valueOf(map(machine.get("Name")).get("Fn::Sub"));
        assertThat(variables.get("SUPPORTDESK_AWS_STATE_MACHINE_ARN")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:" + name));

        Object stepTarget = map(machine.get("DefinitionSubstitutions")).get("WorkflowStepFunctionArn");
        assertThat(stepTarget).as("the state machine's Task target").isEqualTo(Map.of("Ref", "WorkflowFunction.Alias"));
        // and its role may invoke exactly that
        for (Object policy : list(machine.get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                assertThat(List.<Object>copyOf(list(map(statement).get("Resource")))).as("state machine role grants").containsOnly(stepTarget);
            }
            assertThat(map(policy)).as("state machine policy is an inline statement on the alias").containsKey("Statement");
        }
    }
}
