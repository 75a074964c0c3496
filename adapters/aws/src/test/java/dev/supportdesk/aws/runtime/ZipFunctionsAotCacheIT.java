package dev.supportdesk.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.EmulatorsAccess;
import dev.supportdesk.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API and workflow-step zips start under the Runtime Interface Emulator as the managed runtime
 * starts them (template's handler, environment, JAVA_TOOL_OPTIONS and exec wrapper), and their JDK
 * AOT cache still matches the artifact: the JVM runs with {@code -XX:AOTMode=on} added, under which
 * it refuses to start when the cache does not fit (other JDK build, changed jars or class path), and
 * the handler's class must come from the cache ("source: shared objects file"), i.e. the wrapper put
 * the function's jars where the cache applies; the template declares the architecture the cache was
 * trained on. Rebuild with {@code package} when it fails.
 */
class ZipFunctionsAotCacheIT {

    @ParameterizedTest
    @CsvSource({"ApiFunction, dev.supportdesk.aws.HttpApiHandler", "WorkflowFunction, dev.supportdesk.aws.StepHandler"})
    void startsWithItsAotCache(String logicalId, String handlerClass) throws Exception {
        LambdaFunction template = LambdaFunction.fromTemplate(logicalId,
                LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "supportdesk-tickets")));
        assertThat(template.environment().get("JAVA_TOOL_OPTIONS")).contains("-XX:AOTCache=");
        assertThat(template.environment()).containsKey("AWS_LAMBDA_EXEC_WRAPPER");
        String machine = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
        assertThat(template.architecture()).as("the cache was trained on this machine's architecture").isEqualTo(machine);
        Path work = Path.of("target", "rie", logicalId + "-aot").toAbsolutePath();
        Path classLog = work.resolveSibling(logicalId + "-aot-classes.txt");
        Files.deleteIfExists(classLog);
        Map<String, String> env = new LinkedHashMap<>(template.environment());
        env.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " -XX:AOTMode=on -Xlog:class+load=info:file=" + classLog);
        LambdaFunction function = new LambdaFunction(template.logicalId(), template.packageType(), template.artifact(),
                template.entrypoint(), template.handler(), env, template.memorySizeMb(), template.timeoutSeconds(),
                template.architecture(), template.javaMajor(), template.dockerfile(), template.pathsInImage());
        String event = logicalId.equals("ApiFunction") ? healthEvent()
                : "{\"step\":\"no-such-step\",\"input\":{}}"; // answered without a store: an InvalidStepInputException
        try (LambdaEmulator emulator = LambdaEmulator.start(function, Map.of(
                "AWS_ENDPOINT_URL_S3", EmulatorsAccess.s3Endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), work)) {
            LambdaEmulator.Invocation first = emulator.invoke(event);
            assertThat(first.status()).as(emulator.output()).isEqualTo(200);
            if (logicalId.equals("ApiFunction")) {
                JsonNode response = Json.MAPPER.readTree(first.body());
                assertThat(response.path("statusCode").asInt()).as(first.body() + "\n" + emulator.output()).isEqualTo(200);
            } else {
                assertThat(first.body()).as(emulator.output()).contains("InvalidStepInputException");
            }
            assertThat(Files.readString(classLog)).as("the handler class comes from the AOT cache (see " + classLog + ")")
                    .contains(handlerClass + " source: shared objects file");
            System.out.printf("%s under the emulator with its AOT cache: %s; init %.0f ms, first %d ms%n", logicalId,
                    emulator.javaUsed(), emulator.initDurationMillis().orElse(-1), first.elapsedMillis());
        }
    }

    private String healthEvent() throws Exception {
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/apigw-v2-request.json")) {
            event = (ObjectNode) Json.MAPPER.readTree(in);
        }
        event.put("rawPath", "/health");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/health");
        return Json.MAPPER.writeValueAsString(event);
    }
}
