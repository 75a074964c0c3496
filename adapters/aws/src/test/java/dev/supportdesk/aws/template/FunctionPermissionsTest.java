package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.predict.ModelRegistry;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.OcrResultBlob;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each function's role grants exactly the IAM actions its code can call, no more, no fewer, on this
 * stack's resources only. The calls are derived from the code ({@link DeployedCode}: the SDK client
 * calls of the adapter beans its Spring configuration wires, reached through the ports its families
 * call); the grants are the function's inline policy statements. SAM policy templates are refused:
 * their actions are not the code's ({@code DynamoDBCrudPolicy} grants Scan and BatchWriteItem,
 * {@code S3WritePolicy} PutLifecycleConfiguration, {@code S3CrudPolicy} DeleteObject ...).
 */
class FunctionPermissionsTest {

    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function");

    private static Map<String, Object> template;
    private static Map<String, Object> globals;
    private static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load();
        globals = map(map(template.get("Globals")).get("Function"));
        functions = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((name, resource) -> {
            if (FUNCTION_TYPES.contains(map(resource).get("Type"))) {
                functions.put(name, map(map(resource).get("Properties")));
            }
        });
        assertThat(functions).containsKeys("ApiFunction", "PredictFunction", "UploadFunction", "WorkflowFunction");
    }

    @Test
    void theCodeDerivationSeesTheCallsItMust() {
        // a guard on the derivation itself: if these disappear, the bytecode scan went blind
        assertThat(derived("ApiFunction")).contains("dynamodb:PutItem", "dynamodb:Query", "s3:PutObject", "states:StartExecution");
        assertThat(derived("PredictFunction")).contains("s3:ListBucket", "s3:GetObject").doesNotContain("s3:PutObject");
        assertThat(derived("WorkflowFunction")).contains("lambda:InvokeFunction", "s3:GetObject");
        assertThat(derived("UploadFunction")).contains("s3:GetObject", "s3:PutObject", "dynamodb:GetItem");
    }

    @Test
    void everyFunctionGrantsExactlyTheActionsItsCodeCalls() {
        SoftAssertions.assertSoftly(softly -> functions.forEach((name, properties) -> {
            Set<String> called = derived(name);
            softly.assertThat(called).as("%s: SDK calls with no known IAM action (extend DeployedCode.IAM_ACTIONS)", name)
                    .noneMatch(a -> a.startsWith("unmapped:"));
            Set<String> granted = new TreeSet<>();
            statements(name).forEach(s -> granted.addAll(strings(s.get("Action"))));
            Set<String> missing = new TreeSet<>(called);
            missing.removeAll(granted);
            Set<String> extra = new TreeSet<>(granted);
            extra.removeAll(called);
            softly.assertThat(missing).as("%s: actions its code calls that its role does not grant", name).isEmpty();
            softly.assertThat(extra).as("%s: actions its role grants that its code never calls (code calls %s)", name, called)
                    .isEmpty();
        }));
    }

    @Test
    void policiesAreInlineStatementsNotSamPolicyTemplates() {
        SoftAssertions.assertSoftly(softly -> functions.forEach((name, properties) -> {
            for (Object policy : list(properties.get("Policies"))) {
                softly.assertThat(map(policy)).as("%s: policy %s is an inline policy document", name, policy)
                        .containsKey("Statement");
                softly.assertThat(map(policy).keySet()).as("%s: policy keys", name).isSubsetOf("Version", "Statement");
            }
            for (Map<String, Object> statement : statements(name)) {
                softly.assertThat(statement.get("Effect")).as("%s: %s", name, statement).isEqualTo("Allow");
                softly.assertThat(strings(statement.get("Action"))).as("%s: no wildcard actions", name)
                        .noneMatch(a -> a.contains("*"));
            }
        }));
    }

    @Test
    void everyGrantIsScopedToThisStacksResources() {
        Object tableArn = Map.of("Fn::GetAtt", "TicketsTable.Arn");
        Object tableIndexes = Map.of("Fn::Sub", "${TicketsTable.Arn}/index/*");
        String bucketArn = "arn:${AWS::Partition}:s3:::" + bucketName();
        Set<String> prefixes = Set.of(AttachmentKeys.PREFIX, OcrResultBlob.PREFIX, constant(ModelRegistry.class, "PREFIX"));
        Map<String, Object> variables = map(map(globals.get("Environment")).get("Variables"));
        Object stateMachine = variables.get("SUPPORTDESK_AWS_STATE_MACHINE_ARN");
        Object ocrFunction = variables.get("SUPPORTDESK_AWS_OCR_FUNCTION_ARN");

        SoftAssertions.assertSoftly(softly -> functions.forEach((name, properties) -> {
            for (Map<String, Object> statement : statements(name)) {
                List<String> actions = strings(statement.get("Action"));
                List<?> resources = list(statement.get("Resource"));
                softly.assertThat(resources).as("%s: %s names its resources", name, actions).isNotEmpty();
                String service = actions.getFirst().substring(0, actions.getFirst().indexOf(':'));
                softly.assertThat(actions).as("%s: one service per statement", name).allMatch(a -> a.startsWith(service + ":"));
                for (Object resource : resources) {
                    switch (service) {
                        case "dynamodb" -> softly.assertThat(resource).as("%s: %s resource", name, actions)
                                .isIn(tableArn, tableIndexes);
                        case "s3" -> {
                            String sub = String.valueOf(map(resource).get("Fn::Sub"));
                            if (actions.equals(List.of("s3:ListBucket"))) {
                                softly.assertThat(sub).as("%s: s3:ListBucket is on the bucket", name).isEqualTo(bucketArn);
                            } else {
                                softly.assertThat(actions).as("%s: object actions", name).allMatch(a -> a.endsWith("Object"));
                                softly.assertThat(sub).as("%s: %s on one key prefix of %s, never the whole bucket", name, actions, prefixes)
                                        .satisfies(s -> assertThat(prefixes.stream().map(p -> bucketArn + "/" + p + "*")).contains(s));
                            }
                        }
                        case "states" -> softly.assertThat(resource).as("%s: %s resource", name, actions).isEqualTo(stateMachine);
                        case "lambda" -> softly.assertThat(resource).as("%s: %s resource", name, actions).isEqualTo(ocrFunction);
                        default -> softly.fail("%s: grants on service %s, which the code does not call", name, service);
                    }
                }
            }
        }));
    }

    /** The template's actions, derived from the function's code. */
    private static Set<String> derived(String function) {
        Class<?> handler = DeployedCode.handlerClass(functions.get(function), globals);
        Class<?> configuration = DeployedCode.configurationOf(handler);
        return DeployedCode.actionsOf(DeployedCode.sdkCalls(handler, configuration));
    }

    private static List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(functions.get(function).get("Policies"))) {
            list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        list(value).forEach(v -> strings.add(String.valueOf(v)));
        return strings;
    }

    private static String bucketName() {
        Object name = map(map(map(map(template.get("Resources")).get("UploadsBucket")).get("Properties")).get("BucketName"));
        return String.valueOf(map(name).get("Fn::Sub"));
    }

    private static String constant(Class<?> type, String field) {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
