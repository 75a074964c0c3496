package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import dev.supportdesk.azure.workflow.WorkflowFunctions;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowInputs;
import dev.supportdesk.workflow.WorkflowRuns;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The non-HTTP functions log in the same context as {@code httpApi}: the invocation id as request id, the carried or
 * the host's trace, the function, the tenant when the key names one. Driven with a fake invocation context (the
 * Functions host cannot run here) against Azurite, reading the log lines as Logback hands them to an appender.
 */
class InvocationLogContextTest {

    private static final String CARRIED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String HOST = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static ConfigurableApplicationContext context;

    private CapturedLogLines logs;

    @BeforeAll
    static void start() {
        context = Emulators.azureContext();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void capture() {
        logs = CapturedLogLines.attach();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    @Test
    void blobCreatedUnderAFakeHostLogsTheInvocationIdTheCloudEventsTraceAndTheTenantOfTheKey() {
        FakeInvocation invocation = FakeInvocation.of("blobCreated", HOST);
        String key = "uploads/acme/" + UUID.randomUUID() + "/" + UUID.randomUUID();

        new BlobCreatedFunction(context).run(cloudEvent(key, CARRIED), invocation);

        assertThat(logs.of(BlobCreatedFunction.class)).singleElement().satisfies(line -> {
            assertThat(line.message()).startsWith("blob event handled: ");
            assertThat(line.context()).containsEntry(LogContext.REQUEST_ID, invocation.invocationId())
                    .containsEntry(LogContext.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
                    .containsEntry(LogContext.FUNCTION, FunctionNames.BLOB_CREATED)
                    .containsEntry(LogContext.TENANT, "acme");
        });
        assertThat(LogContext.requestId()).as("the context ends with the invocation").isNull();
        assertThat(LogContext.tenant()).isNull();
    }

    @Test
    void anEventWithoutATraceparentUnderAFakeHostLogsInTheHostsTrace() {
        FakeInvocation invocation = FakeInvocation.of("blobCreated", HOST);

        new BlobCreatedFunction(context).run(cloudEvent("uploads/acme/t/a", null), invocation);

        assertThat(logs.of(BlobCreatedFunction.class)).singleElement().extracting(CapturedLogLines.Line::context)
                .satisfies(fields -> assertThat(fields).containsEntry(LogContext.TRACE_ID, "0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void ocrQueueUnderAFakeHostContinuesTheTraceOfTheBlobCreatedInvocationThatEnqueuedTheWork() {
        String message;
        try (LogContext.Scope upload = LogContext.open("blobCreated", "upload-invocation",
                dev.supportdesk.telemetry.TraceParent.parse(CARRIED).orElseThrow())) {
            message = QueueOcrHandoff.message(new BlobCreated("uploads/globex/" + UUID.randomUUID() + "/" + UUID.randomUUID(), 5, "0x1"));
        }
        FakeInvocation invocation = FakeInvocation.of(OcrQueueFunction.NAME, HOST);

        new OcrQueueFunction(context).run(message, invocation);

        assertThat(logs.of(OcrQueueFunction.class)).singleElement().satisfies(line -> {
            assertThat(line.message()).startsWith("OCR work handled: ");
            assertThat(line.context()).containsEntry(LogContext.REQUEST_ID, invocation.invocationId())
                    .containsEntry(LogContext.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
                    .containsEntry(LogContext.FUNCTION, OcrQueueFunction.NAME)
                    .containsEntry(LogContext.TENANT, "globex");
        });
    }

    @Test
    void theTimerUnderAFakeHostWithoutATraceStartsANewTraceAndNamesNoTenant() {
        FakeInvocation invocation = FakeInvocation.of(WorkflowTimerFunction.NAME, null);
        DurableClientContext durable = mock(DurableClientContext.class);
        when(durable.getClient()).thenReturn(mock(DurableTaskClient.class));

        new WorkflowTimerFunction(context).run("{\"IsPastDue\":false}", durable, invocation);

        assertThat(logs.of(WorkflowTimerFunction.class)).singleElement().satisfies(line -> {
            assertThat(line.message()).startsWith("STARTED ");
            assertThat(line.context()).containsEntry(LogContext.REQUEST_ID, invocation.invocationId())
                    .containsEntry(LogContext.FUNCTION, WorkflowTimerFunction.NAME)
                    .doesNotContainKey(LogContext.TENANT);
            assertThat(line.context().get(LogContext.TRACE_ID)).matches("[0-9a-f]{32}")
                    .isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
        });
    }

    @Test
    void aWorkflowActivityUnderAFakeHostLogsInTheTraceDurableFunctionsGaveIt() {
        FakeInvocation invocation = FakeInvocation.of(WorkflowDefinition.START, HOST);
        WorkflowRuns.RunRef run = WorkflowRuns.scheduled(Instant.parse("2026-03-01T10:15:00Z"));
        WorkflowFunctions activities = new WorkflowFunctions(context);

        activities.start(WorkflowInputs.start(run).toString(), invocation);
        // Record the run's end, as the orchestration would: a RUNNING run holds off other starts.
        activities.record(WorkflowInputs.record(run.runId(), run.asOf().toString(), null).toString(), invocation);

        Map<String, String> fields = logs.of(WorkflowFunctions.class).getFirst().context();
        assertThat(fields).containsEntry(LogContext.REQUEST_ID, invocation.invocationId())
                .containsEntry(LogContext.TRACE_ID, "0af7651916cd43dd8448eb211c80319c")
                .containsEntry(LogContext.FUNCTION, "workflow." + WorkflowDefinition.START);
    }

    @Test
    void httpApiUnderAFakeHostAnswersARequestWithoutTraceparentInTheHostsTrace() {
        dev.supportdesk.http.HttpResponse response = FakeFunctionsHostRequest.toNeutral(new HttpApiFunction(context).run(
                FakeFunctionsHostRequest.of(dev.supportdesk.http.HttpRequest.builder("GET", "/health").build()), null,
                FakeInvocation.of("httpApi", HOST)));

        assertThat(response.headers().first("traceparent")).get().asString()
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-");
    }

    private static String cloudEvent(String key, String traceparent) {
        String url = "https://account.blob.core.windows.net/" + Emulators.CONTAINER + "/" + key;
        String trace = traceparent == null ? "" : ",\"traceparent\":\"" + traceparent + "\"";
        return "{\"specversion\":\"1.0\",\"type\":\"Microsoft.Storage.BlobCreated\",\"id\":\"" + UUID.randomUUID()
                + "\",\"source\":\"/subscriptions/x\",\"subject\":\"/blobServices/default/containers/"
                + Emulators.CONTAINER + "/blobs/" + key + "\"" + trace
                + ",\"data\":{\"url\":\"" + url + "\",\"contentLength\":5,\"eTag\":\"0x1\"}}";
    }
}
