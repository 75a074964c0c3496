package dev.supportdesk.azure.telemetry;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.TraceParent;
import java.util.Optional;

/**
 * The log context of one Azure Functions invocation, as {@code httpApi} has it for a request: the host's invocation
 * id is the request id; the trace is the one the event or message carried ({@code traceparent}) when valid, else the
 * host's trace of this invocation ({@link ExecutionContext#getTraceContext()}, the Application Insights operation),
 * else a new one; and the function's name. The function adds the tenant once it knows it ({@link LogContext#tenant}).
 */
public final class InvocationLogContext {

    private InvocationLogContext() {
    }

    /**
     * @param function     the function's name in the log context ({@code blobCreated}, {@code ocrQueue}, ...)
     * @param context      the host's invocation context (null outside a host: a new request id and trace)
     * @param carriedTrace the {@code traceparent} the event or message carried, or null
     */
    public static LogContext.Scope open(String function, ExecutionContext context, String carriedTrace) {
        String invocationId = context == null ? null : context.getInvocationId();
        String requestId = invocationId == null || invocationId.isBlank() ? TraceParent.requestId() : invocationId;
        return LogContext.open(function, requestId, trace(context, carriedTrace));
    }

    static TraceParent trace(ExecutionContext context, String carriedTrace) {
        return TraceParent.parse(carriedTrace)
                .or(() -> Optional.ofNullable(hostTrace(context)))
                .orElseGet(TraceParent::generate);
    }

    /** The host's W3C trace of this invocation (the Application Insights operation), or null. */
    public static TraceParent hostTrace(ExecutionContext context) {
        TraceContext trace = context == null ? null : context.getTraceContext();
        return trace == null ? null : TraceParent.parse(trace.getTraceparent()).orElse(null);
    }
}
