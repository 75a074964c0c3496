package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.config.EnvironmentVariableNames;
import dev.supportdesk.aws.AwsProperties;
import dev.supportdesk.aws.SweepProperties;
import dev.supportdesk.aws.telemetry.AwsMetricsProperties;
import dev.supportdesk.config.Functional;
import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.ocr.OcrProperties;
import dev.supportdesk.predict.PredictProperties;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.workflow.WorkflowProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The SAM template and the code agree: handlers exist, the environment carries exactly the
 * settings the code reads, and every function's permissions point at this stack's table and
 * bucket, never at {@code *}.
 */
class SamTemplateConsistencyTest {

    private static final Pattern HANDLER = Pattern.compile("dev\\.supportdesk\\.aws\\.([A-Z][A-Za-z0-9_]*)::([a-z][A-Za-z0-9_]*)");
    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    /** Variables that are not settings of our code but of the platform (JVM flags, libtesseract's OpenMP threads). */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "OMP_THREAD_LIMIT",
            "AWS_LAMBDA_EXEC_WRAPPER"); // read by the managed runtime: the AOT cache's wrapper script (adapters/aws/src/aot/wrapper)

    private static Map<String, Object> template;
    private static Map<String, Object> resources;
    private static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = SamTemplate.load();
        resources = map(template.get("Resources"));
        functions = new LinkedHashMap<>();
        resources.forEach((name, resource) -> {
            if (FUNCTION_TYPES.contains(map(resource).get("Type"))) {
                functions.put(name, map(map(resource).get("Properties")));
            }
        });
        assertThat(functions).as("functions in %s", SamTemplate.TEMPLATE).isNotEmpty();
    }

    // ------------------------------------------------------------------ (a) handlers

    @Test
    void everyHandlerNamesAnExistingClassAndMethod() throws IOException {
        Path sources = SamTemplate.repositoryRoot().resolve("adapters/aws/src/main/java/dev/supportdesk/aws");
        List<String> problems = new ArrayList<>();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        if (globals.containsKey("Handler")) {
            checkHandler("Globals", globals.get("Handler"), sources, problems);
        }
        functions.forEach((name, properties) -> {
            Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
            if (handler == null && "Image".equals(properties.get("PackageType"))) {
                handler = list(map(properties.get("ImageConfig")).get("Command")).stream().findFirst().orElse(null);
            }
            checkHandler(name, handler, sources, problems);
        });
        Path dockerfile = SamTemplate.repositoryRoot().resolve("adapters/aws/Dockerfile");
        if (Files.exists(dockerfile)) {
            Matcher cmd = Pattern.compile("(?m)^CMD\\s*\\[\\s*\"([^\"]+)\"").matcher(Files.readString(dockerfile));
            checkHandler("adapters/aws/Dockerfile CMD", cmd.find() ? cmd.group(1) : null, sources, problems);
        }
        assertThat(problems).as("handlers in %s", SamTemplate.TEMPLATE).isEmpty();
    }

    private static void checkHandler(String where, Object handler, Path sources, List<String> problems) {
        if (!(handler instanceof String text)) {
            problems.add(where + ": no Handler");
            return;
        }
        Matcher m = HANDLER.matcher(text);
        if (!m.matches()) {
            problems.add(where + ": Handler '" + text + "' is not dev.supportdesk.aws.<Class>::<method>");
            return;
        }
        try {
            Class<?> type = Class.forName("dev.supportdesk.aws." + m.group(1));
            if (!com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(type)) {
                problems.add(where + ": " + type.getName() + " is not a RequestStreamHandler");
            }
            type.getMethod(m.group(2), java.io.InputStream.class, java.io.OutputStream.class,
                    com.amazonaws.services.lambda.runtime.Context.class);
            type.getConstructor();
        } catch (ClassNotFoundException e) {
            problems.add(where + ": no class dev.supportdesk.aws." + m.group(1) + " (" + sources + ")");
        } catch (NoSuchMethodException e) {
            problems.add(where + ": dev.supportdesk.aws." + m.group(1) + " has no public " + m.group(2)
                    + "(InputStream, OutputStream, Context) or no public no-argument constructor");
        }
    }

    // ------------------------------------------------------------------ (b) environment

    @Test
    void environmentCarriesExactlyTheSettingsTheCodeReads() {
        Set<String> read = new TreeSet<>();
        read.addAll(EnvironmentVariableNames.ofAll(SupportdeskProperties.class, TicketProperties.class, OcrProperties.class,
                PredictProperties.class, WorkflowProperties.class));
        read.addAll(environmentVariables(AwsProperties.class));
        read.addAll(environmentVariables(SweepProperties.class));
        read.addAll(environmentVariables(AwsMetricsProperties.class));
        assertThat(read).as("settings read by the code").contains("SUPPORTDESK_AUTH_TENANT_CLAIM", "SUPPORTDESK_AWS_TABLE_NAME");

        Map<String, Object> globalVariables = variables(map(map(template.get("Globals")).get("Function")));
        Set<String> declared = new TreeSet<>(supportdesk(globalVariables.keySet()));
        functions.values().forEach(p -> declared.addAll(supportdesk(variables(p).keySet())));

        // Every function runs the same code, so each must see every setting (globals + its own),
        // and nothing besides the settings and the JVM flags.
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(difference(read, declared))
                    .as("SUPPORTDESK_* settings the code reads but %s does not set", SamTemplate.TEMPLATE)
                    .isEmpty();
            softly.assertThat(difference(declared, read))
                    .as("SUPPORTDESK_* variables in %s that no @ConfigurationProperties record reads", SamTemplate.TEMPLATE)
                    .isEmpty();
            functions.forEach((name, properties) -> {
                Map<String, Object> effective = new LinkedHashMap<>(globalVariables);
                effective.putAll(variables(properties));
                softly.assertThat(difference(read, supportdesk(effective.keySet())))
                        .as("settings missing from the environment of %s", name)
                        .isEmpty();
                Set<String> others = new TreeSet<>(effective.keySet());
                others.removeAll(read);
                others.removeAll(PLATFORM_VARIABLES);
                softly.assertThat(others)
                        .as("environment variables of %s that are neither settings the code reads nor %s", name, PLATFORM_VARIABLES)
                        .isEmpty();
            });
        });
    }

    @Test
    void environmentPointsAtThisStacksTableAndBucket() {
        Map<String, Object> globalVariables = variables(map(map(template.get("Globals")).get("Function")));
        functions.forEach((name, properties) -> {
            Map<String, Object> effective = new LinkedHashMap<>(globalVariables);
            effective.putAll(variables(properties));
            assertThat(effective.get("SUPPORTDESK_AWS_TABLE_NAME")).as("%s table", name).isEqualTo(Map.of("Ref", "TicketsTable"));
            assertThat(effective.get("SUPPORTDESK_AWS_BUCKET_NAME")).as("%s bucket", name).isEqualTo(bucketName());
        });
    }

    @Test
    void everyFunctionSizesItsSweepsForTheSweepWriteRateParameterWhoseDefaultIsTheCodes() {
        Map<String, Object> parameter = map(map(template.get("Parameters")).get("SweepWriteRate"));
        SweepProperties unset = Functional.bind(new GenericApplicationContext(), "supportdesk", SweepProperties.class);
        assertThat(parameter.get("Default")).hasToString(String.valueOf(unset.sweepWriteRate()));
        assertThat(parameter.get("MinValue")).hasToString("1");
        Map<String, Object> globalVariables = variables(map(map(template.get("Globals")).get("Function")));
        functions.forEach((name, properties) -> {
            Map<String, Object> effective = new LinkedHashMap<>(globalVariables);
            effective.putAll(variables(properties));
            assertThat(effective.get("SUPPORTDESK_SWEEP_WRITE_RATE")).as(name).isEqualTo(Map.of("Ref", "SweepWriteRate"));
        });
    }

    static Set<String> environmentVariables(Class<? extends Record> type) {
        return EnvironmentVariableNames.of(type);
    }

    static String kebab(String camel) {
        return EnvironmentVariableNames.kebab(camel);
    }

    @Test
    void propertyNamesTurnIntoEnvironmentVariablesAsSpringBindsThem() {
        assertThat(kebab("tenantClaim")).isEqualTo("tenant-claim");
        assertThat(EnvironmentVariableNames.ofAll(SupportdeskProperties.class, TicketProperties.class, OcrProperties.class,
                PredictProperties.class, WorkflowProperties.class))
                .contains("SUPPORTDESK_MAX_BODY_BYTES", "SUPPORTDESK_UPLOAD_URL_VALIDITY", "SUPPORTDESK_AUTH_ROLES_CLAIM");
        assertThat(environmentVariables(AwsProperties.class))
                .containsExactlyInAnyOrder("SUPPORTDESK_AWS_TABLE_NAME", "SUPPORTDESK_AWS_BUCKET_NAME",
                        "SUPPORTDESK_AWS_STATE_MACHINE_ARN", "SUPPORTDESK_AWS_OCR_FUNCTION_ARN");
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return map(map(functionProperties.get("Environment")).get("Variables"));
    }

    private static Set<String> supportdesk(Set<String> names) {
        Set<String> result = new TreeSet<>();
        names.stream().filter(n -> n.startsWith("SUPPORTDESK_")).forEach(result::add);
        return result;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    // ------------------------------------------------------------------ (c) permissions

    // Which actions each function's role grants, and on which of this stack's resources, is
    // FunctionPermissionsTest's: it derives them from the code.
    @Test
    void theUploadFunctionIsNotifiedByThisStacksBucket() {
        Map<String, Object> uploaded = map(map(map(functions.get("UploadFunction").get("Events")).get("Uploaded")).get("Properties"));
        assertThat(uploaded.get("Bucket")).as("UploadFunction S3 event bucket").isEqualTo(Map.of("Ref", "UploadsBucket"));
    }

    @Test
    void noPolicyStatementGrantsOnEveryResource() {
        List<String> wildcard = new ArrayList<>();
        findStatements(template, "", wildcard);
        assertThat(wildcard).as("IAM statements with Resource \"*\"").isEmpty();
    }

    private static void findStatements(Object node, String path, List<String> wildcard) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                String here = path + "/" + key;
                if ("Statement".equals(key)) {
                    for (Object statement : list(value)) {
                        Object resource = map(statement).get("Resource");
                        if (list(resource).contains("*")) {
                            wildcard.add(here + ": " + statement);
                        }
                    }
                }
                findStatements(value, here, wildcard);
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                findStatements(l.get(i), path + "[" + i + "]", wildcard);
            }
        }
    }

    /** The bucket's name expression; functions use it instead of !Ref UploadsBucket to avoid a cycle. */
    private static Object bucketName() {
        Object name = map(map(resources.get("UploadsBucket")).get("Properties")).get("BucketName");
        assertThat(name).as("UploadsBucket BucketName").isNotNull();
        return name;
    }
}
