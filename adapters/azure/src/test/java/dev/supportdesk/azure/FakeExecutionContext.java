package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** The invocation context the Functions host passes; the functions only log through it. */
record FakeExecutionContext(String functionName) implements ExecutionContext {

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
