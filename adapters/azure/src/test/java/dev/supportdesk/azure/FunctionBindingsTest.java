package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import dev.supportdesk.azure.workflow.DurableWorkflowOrchestrator;
import dev.supportdesk.azure.workflow.WorkflowFunctions;
import dev.supportdesk.json.Json;
import dev.supportdesk.workflow.WorkflowDefinition;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;

/**
 * The triggers as declared on the function classes, which is what the Maven plugin turns into
 * function.json (checked on the generated files by {@code FunctionBindingsIT} where the plugin runs),
 * plus host.json and the instance injector registration.
 */
class FunctionBindingsTest {

    @Test
    void httpApiIsOneAnonymousCatchAllRouteForEveryMethod() throws Exception {
        Method run = HttpApiFunction.class.getMethod("run", HttpRequestMessage.class, DurableClientContext.class,
                com.microsoft.azure.functions.ExecutionContext.class);
        assertThat(run.getAnnotation(FunctionName.class).value()).isEqualTo("httpApi");
        HttpTrigger trigger = run.getParameters()[0].getAnnotation(HttpTrigger.class);
        assertThat(trigger.route()).isEqualTo("{*path}");
        assertThat(trigger.authLevel()).isEqualTo(AuthorizationLevel.ANONYMOUS);
        assertThat(trigger.dataType()).isEqualTo("binary");
        assertThat(trigger.methods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
                HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    }

    @Test
    void blobCreatedIsAnEventGridTrigger() {
        Method run = method(BlobCreatedFunction.class);
        assertThat(run.getAnnotation(FunctionName.class).value()).isEqualTo("blobCreated");
        assertThat(run.getParameters()[0].getAnnotation(EventGridTrigger.class)).isNotNull();
    }

    @Test
    void ocrQueueIsAQueueTriggerOnTheOcrQueueWithAnIdentityBasedConnection() {
        Method run = method(OcrQueueFunction.class);
        assertThat(run.getAnnotation(FunctionName.class).value()).isEqualTo("ocrQueue");
        QueueTrigger trigger = run.getParameters()[0].getAnnotation(QueueTrigger.class);
        assertThat(trigger).isNotNull();
        assertThat(trigger.queueName()).isEqualTo("%SUPPORTDESK_AZURE_OCR_QUEUE_NAME%");
        assertThat(trigger.connection()).isEqualTo("OcrQueue");
        assertThat(run.getParameterTypes()[0]).isEqualTo(String.class);
    }

    @Test
    void hostJsonSetsTheFunctionTimeoutAndTheQueueRetries() throws Exception {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        assertThat(host.path("functionTimeout").asText()).as("functionTimeout, explicit").matches("\\d\\d:\\d\\d:\\d\\d");
        JsonNode queues = host.path("extensions").path("queues");
        assertThat(queues.path("visibilityTimeout").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(queues.path("maxDequeueCount").asInt()).isPositive();
        assertThat(queues.path("messageEncoding").asText()).as("what QueueOcrHandoff writes").isEqualTo("base64");
    }

    @Test
    void theWorkflowRunsEveryQuarterHour() {
        Method run = method(WorkflowTimerFunction.class);
        assertThat(run.getAnnotation(FunctionName.class).value()).isEqualTo("workflowTimer");
        assertThat(run.getParameters()[0].getAnnotation(TimerTrigger.class).schedule()).isEqualTo("0 */15 * * * *");
        assertThat(run.getParameters()[1].getAnnotation(DurableClientInput.class)).isNotNull();
    }

    @Test
    void theWorkflowIsADurableOrchestratorWithOneActivityPerStep() {
        java.util.Map<String, Method> functions = new java.util.TreeMap<>();
        for (Method m : WorkflowFunctions.class.getMethods()) {
            if (m.isAnnotationPresent(FunctionName.class)) {
                functions.put(m.getAnnotation(FunctionName.class).value(), m);
            }
        }
        assertThat(functions.get(DurableWorkflowOrchestrator.NAME).getParameters()[0]
                .getAnnotation(DurableOrchestrationTrigger.class)).isNotNull();
        for (String step : WorkflowDefinition.STANDARD.steps()) {
            assertThat(functions).as("activity %s", step).containsKey(step);
            assertThat(functions.get(step).getParameters()[0].getAnnotation(DurableActivityTrigger.class)).isNotNull();
        }
        assertThat(functions).hasSize(WorkflowDefinition.STANDARD.steps().size() + 1);
    }

    @Test
    void hostJsonNamesTheDurableTaskHubFromAnAppSetting() throws Exception {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        JsonNode durable = host.path("extensions").path("durableTask");
        assertThat(durable.path("hubName").asText()).isEqualTo("%DURABLE_TASK_HUB_NAME%");
        assertThat(durable.path("storageProvider").path("connectionStringName").asText()).isEqualTo("AzureWebJobsStorage");
    }

    @Test
    void everyFunctionClassCanBeBuiltFromTheSpringContext() throws Exception {
        for (Class<?> type : new Class<?>[] {HttpApiFunction.class, BlobCreatedFunction.class, OcrQueueFunction.class,
                WorkflowTimerFunction.class, WorkflowFunctions.class, KeyBackfillFunction.class}) {
            assertThat(type.getConstructor(ApplicationContext.class)).isNotNull();
        }
    }

    /**
     * The host matches HTTP routes in the order of the functions' names, not by specificity
     * (https://github.com/Azure/azure-functions-host/issues/9876): the backfill's literal route is reached
     * only if its name sorts before the catch-all {@code httpApi}. Only the master key may call it.
     */
    @Test
    void theBackfillIsAnAdminPostOnALiteralRouteMatchedBeforeTheCatchAll() {
        Method run = method(KeyBackfillFunction.class);
        HttpTrigger trigger = run.getParameters()[0].getAnnotation(HttpTrigger.class);
        assertThat(trigger.route()).isEqualTo("ops/backfill-ticket-keys");
        assertThat(trigger.authLevel()).isEqualTo(AuthorizationLevel.ADMIN);
        assertThat(trigger.methods()).containsExactly(HttpMethod.POST);
        String name = run.getAnnotation(FunctionName.class).value();
        String catchAll = method(HttpApiFunction.class).getAnnotation(FunctionName.class).value();
        assertThat(name.compareTo(catchAll)).as("%s sorts before %s", name, catchAll).isNegative();
    }

    @Test
    void theInstanceInjectorIsRegisteredForTheJavaWorker() {
        assertThat(ServiceLoader.load(FunctionInstanceInjector.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SpringFunctionInstanceInjector.class);
    }

    @Test
    void hostJsonServesPathsWithoutPrefixAndUsesExtensionBundle4() throws Exception {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        assertThat(host.path("version").asText()).isEqualTo("2.0");
        assertThat(host.path("extensions").path("http").path("routePrefix").isTextual()).isTrue();
        assertThat(host.path("extensions").path("http").path("routePrefix").asText()).isEmpty();
        assertThat(host.path("extensionBundle").path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.path("extensionBundle").path("version").asText()).startsWith("[4.");
    }

    private static Method method(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(FunctionName.class)).findFirst()
                .orElseThrow();
    }
}
