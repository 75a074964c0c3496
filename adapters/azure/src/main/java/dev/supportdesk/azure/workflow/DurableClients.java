package dev.supportdesk.azure.workflow;

import com.microsoft.durabletask.DurableTaskClient;
import java.util.function.Supplier;

/**
 * The durable client of the invocation in progress: Azure Functions hands it to a function only
 * through its {@code @DurableClientInput} binding, so the function sets it here for the duration of
 * its call and {@link DurableWorkflowStarter} picks it up (POST /workflow/runs through httpApi).
 */
public final class DurableClients {

    private static final ThreadLocal<DurableTaskClient> CURRENT = new ThreadLocal<>();

    private DurableClients() {
    }

    public static <T> T with(DurableTaskClient client, Supplier<T> call) {
        DurableTaskClient previous = CURRENT.get();
        CURRENT.set(client);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static DurableTaskClient current() {
        DurableTaskClient client = CURRENT.get();
        if (client == null) {
            throw new IllegalStateException("no durable client is bound to this invocation; workflow runs start "
                    + "from functions with a @DurableClientInput binding (httpApi, workflowTimer)");
        }
        return client;
    }
}
