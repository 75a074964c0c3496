package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import dev.supportdesk.http.Correlation;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import dev.supportdesk.azure.workflow.DurableClients;
import dev.supportdesk.azure.events.HttpMessages;
import dev.supportdesk.azure.telemetry.InvocationLogContext;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.TokenVerifier;
import dev.supportdesk.telemetry.TraceParent;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Every HTTP route of the API behind one catch-all trigger: host request → neutral request (with
 * the caller from the verified bearer token) → the core's {@code api} function → host response.
 * Anonymous at the host level on purpose: the core's router decides which routes need a token.
 */
public final class HttpApiFunction {

    private final Function<HttpRequest, HttpResponse> api;
    private final HttpMessages messages;

    public HttpApiFunction(ApplicationContext context) {
        this.api = context.getBean(FunctionCatalog.class).lookup(FunctionNames.API);
        this.messages = new HttpMessages(context.getBean(TokenVerifier.class),
                context.getBean(AzureProperties.class).routePrefix());
    }

    @FunctionName("httpApi")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", route = "{*path}", dataType = "binary",
                    authLevel = AuthorizationLevel.ANONYMOUS,
                    methods = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                            HttpMethod.DELETE, HttpMethod.OPTIONS})
            HttpRequestMessage<Optional<byte[]>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        String invocationId = context == null ? null : context.getInvocationId();
        TraceParent hostTrace = InvocationLogContext.hostTrace(context);
        if (durable == null) {
            return run(request, invocationId, hostTrace);
        }
        // the durable client of this invocation, for POST /workflow/runs (DurableWorkflowStarter)
        return DurableClients.with(durable.getClient(), () -> run(request, invocationId, hostTrace));
    }

    /** The same without a durable client (starting a workflow run then fails with a clear 500). */
    public HttpResponseMessage run(HttpRequestMessage<Optional<byte[]>> request) {
        return run(request, null);
    }

    /**
     * @param invocationId the host's invocation id: the request id of the log context and of
     *                     {@code X-Request-Id} (a new one when null)
     */
    public HttpResponseMessage run(HttpRequestMessage<Optional<byte[]>> request, String invocationId) {
        return run(request, invocationId, null);
    }

    /** @param hostTrace the host's trace of this invocation: the trace when the request carries no valid traceparent */
    private HttpResponseMessage run(HttpRequestMessage<Optional<byte[]>> request, String invocationId,
                                    TraceParent hostTrace) {
        return HttpMessages.toResponse(request,
                Correlation.serve(FunctionNames.API, invocationId, hostTrace, messages.toRequest(request), api));
    }
}
