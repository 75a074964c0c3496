package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An invocation context as the Functions host passes one (the host cannot run here): its invocation id and, when
 * given, the W3C trace the host started for the invocation.
 */
record FakeInvocation(String functionName, String invocationId, String hostTraceparent) implements ExecutionContext {

    static FakeInvocation of(String functionName, String hostTraceparent) {
        return new FakeInvocation(functionName, UUID.randomUUID().toString(), hostTraceparent);
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
        return hostTraceparent == null ? null : new TraceContext() {
            @Override
            public String getTraceparent() {
                return hostTraceparent;
            }

            @Override
            public String getTracestate() {
                return "";
            }

            @Override
            public Map<String, String> getAttributes() {
                return Map.of();
            }
        };
    }
}
