package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * X-Ray sampling as the services honour it: Step Functions applies X-Ray sampling rules when it starts a trace, and
 * Lambda follows the decision of a trace header it receives; Lambda's own sampling (no header: the API behind an HTTP
 * API, S3 events) is a fixed rate no rule changes, and HTTP APIs have no X-Ray integration. So the settable rate is
 * the workflow's: a parameter, 10 % by default as in the replaced system, feeding one rule for the state machine.
 */
class XRaySamplingTemplateTest {

    private static Map<String, Object> resources;
    private static Map<String, Object> parameters;

    @BeforeAll
    static void load() throws Exception {
        Map<String, Object> template = SamTemplate.load();
        resources = map(template.get("Resources"));
        parameters = map(template.get("Parameters"));
    }

    @Test
    void theWorkflowSamplingRateIsAParameterOfTenPercentByDefault() {
        Map<String, Object> rate = map(parameters.get("WorkflowTraceSamplingRate"));
        assertThat(rate).containsEntry("Type", "Number").containsEntry("Default", 0.1)
                .containsEntry("MinValue", 0).containsEntry("MaxValue", 1);
    }

    @Test
    void theStateMachinesTracesAreSampledByARuleAtThatRateWithoutAReservoir() {
        Map<String, Object> rule = map(map(samplingRules().getFirst().get("Properties")).get("SamplingRule"));
        Map<String, Object> stateMachine = map(map(resources.get("WorkflowStateMachine")).get("Properties"));

        assertThat(rule.get("FixedRate")).isEqualTo(Map.of("Ref", "WorkflowTraceSamplingRate"));
        assertThat(rule).containsEntry("ReservoirSize", 0)
                .containsEntry("ServiceType", "AWS::StepFunctions::StateMachine")
                .containsEntry("ServiceName", stateMachine.get("Name"));
        assertThat(map(stateMachine.get("Tracing"))).containsEntry("Enabled", true);
        for (String field : List.of("Host", "HTTPMethod", "URLPath", "ResourceARN")) {
            assertThat(rule).as("the rule matches every %s", field).containsEntry(field, "*");
        }
    }

    @Test
    void theRuleNameFitsXRaysThirtyTwoCharactersForAnyStackName() {
        Map<String, Object> rule = map(map(samplingRules().getFirst().get("Properties")).get("SamplingRule"));
        List<?> join = list(map(rule.get("RuleName")).get("Fn::Join"));
        String prefix = (String) list(join.get(1)).getFirst();
        // the stack id's UUID is .../<stack>/<uuid>: its first group has 8 hex digits
        assertThat(prefix.length() + 8).isLessThanOrEqualTo(32);
        assertThat(map(list(join.get(1)).get(1))).containsKey("Fn::Select");
    }

    @Test
    void noRuleTargetsAServiceThatDoesNotReadRules() {
        assertThat(samplingRules()).hasSize(1);
        assertThat(samplingRules()).allSatisfy(resource -> assertThat(
                map(map(resource.get("Properties")).get("SamplingRule")).get("ServiceType"))
                .isNotIn("AWS::Lambda::Function", "AWS::ApiGatewayV2::Stage", "*"));
    }

    private static List<Map<String, Object>> samplingRules() {
        return resources.values().stream().map(SamTemplate::map)
                .filter(resource -> "AWS::XRay::SamplingRule".equals(resource.get("Type"))).toList();
    }
}
