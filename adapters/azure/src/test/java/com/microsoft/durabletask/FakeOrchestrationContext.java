package com.microsoft.durabletask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A test stand-in for the Durable Functions host's {@link TaskOrchestrationContext} (the host cannot
 * run here): activities run at once, in order, through the given function, with the
 * {@link TaskOptions}' {@link RetryHandler} consulted on failure exactly as the host would; timers
 * complete at once and are recorded. Not a replay engine: it checks what the orchestrator asks for,
 * not Durable's replay semantics. It lives in the SDK's package because {@link Task},
 * {@link TaskFailedException} and {@link FailureDetails} have package-private constructors.
 */
public final class FakeOrchestrationContext implements TaskOrchestrationContext {

    private final String instanceId;
    private final String input;
    private final BiFunction<String, String, String> activities;
    /** Every activity attempt, as "name". */
    public final List<String> attempts = new ArrayList<>();
    /** Every timer the orchestrator created (retry backoffs). */
    public final List<Duration> timers = new ArrayList<>();

    public FakeOrchestrationContext(String instanceId, String input, BiFunction<String, String, String> activities) {
        this.instanceId = instanceId;
        this.input = input;
        this.activities = activities;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Task<V> callActivity(String name, Object activityInput, TaskOptions options, Class<V> returnType) {
        int attempt = 0;
        while (true) {
            attempt++;
            attempts.add(name);
            try {
                return (Task<V>) done(activities.apply(name, (String) activityInput));
            } catch (RuntimeException e) {
                FailureDetails failure = new FailureDetails(e.getClass().getName(), e.getMessage(), null, false);
                boolean retry = options != null && options.hasRetryHandler()
                        && options.getRetryHandler().handle(new RetryContext(this, attempt, failure, Duration.ZERO));
                if (!retry) {
                    return failed(new TaskFailedException(name, attempt, failure));
                }
            }
        }
    }

    private static <V> Task<V> done(V value) {
        return new FakeTask<>(CompletableFuture.completedFuture(value));
    }

    private static <V> Task<V> failed(RuntimeException e) {
        return new FakeTask<>(CompletableFuture.failedFuture(e));
    }

    @Override
    public <V> Task<List<V>> allOf(List<Task<V>> tasks) {
        List<V> results = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (Task<V> task : tasks) {
            try {
                results.add(task.await());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            return failed(new CompositeTaskFailedException("some tasks failed", failures));
        }
        return done(results);
    }

    @Override
    public Task<Void> createTimer(Duration delay) {
        timers.add(delay);
        return done(null);
    }

    @Override
    public String getName() {
        return "workflowOrchestrator";
    }

    @Override
    public <V> V getInput(Class<V> type) {
        return type.cast(input);
    }

    @Override
    public String getInstanceId() {
        return instanceId;
    }

    @Override
    public Instant getCurrentInstant() {
        return Instant.EPOCH;
    }

    @Override
    public boolean getIsReplaying() {
        return false;
    }

    @Override
    public Task<Task<?>> anyOf(List<Task<?>> tasks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void complete(Object output) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void continueAsNew(Object input, boolean preserveUnprocessedEvents) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendEvent(String instanceId, String eventName, Object eventData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V> Task<V> callSubOrchestrator(String name, Object input, String instanceId, TaskOptions options,
                                           Class<V> returnType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V> Task<V> waitForExternalEvent(String name, Duration timeout, Class<V> dataType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCustomStatus(Object customStatus) {
    }

    @Override
    public void clearCustomStatus() {
    }

    private static final class FakeTask<V> extends Task<V> {
        FakeTask(CompletableFuture<V> future) {
            super(future);
        }

        @Override
        public V await() {
            try {
                return future.join();
            } catch (CompletionException e) {
                throw (RuntimeException) e.getCause();
            }
        }

        @Override
        public <U> Task<U> thenApply(Function<V, U> fn) {
            return new FakeTask<>(future.thenApply(fn));
        }

        @Override
        public Task<Void> thenAccept(Consumer<V> fn) {
            return new FakeTask<>(future.thenAccept(fn));
        }
    }
}
