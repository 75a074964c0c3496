package dev.supportdesk.telemetry;

import org.slf4j.MDC;

/**
 * The log context every line of a request or event carries, as SLF4J MDC entries: the runtime's
 * request id, the W3C trace id, the tenant once the caller is known, and the function. Only these
 * bounded, non-personal fields go here: never a token, a body, a name or an e-mail address.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String TENANT = "tenant";
    public static final String FUNCTION = "function";

    private LogContext() {
    }

    /**
     * Opens a context; closing it removes it again (and the tenant a request added). Contexts do not nest:
     * each runtime opens one per request or event, around the function.
     */
    public static Scope open(String function, String requestId, TraceParent trace) {
        put(FUNCTION, function);
        put(REQUEST_ID, requestId);
        put(TRACE_ID, trace == null ? null : trace.traceId());
        put(SPAN_ID, trace == null ? null : trace.parentId());
        return Scope.INSTANCE;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Adds the tenant to the current context (when the caller has been authenticated). */
    public static void tenant(String tenant) {
        if (tenant != null) {
            MDC.put(TENANT, tenant);
        }
    }

    /** The tenant of the current context, or null. */
    public static String tenant() {
        return MDC.get(TENANT);
    }

    /** Puts back what {@link #tenant()} returned before a request set its own. */
    public static void restoreTenant(String tenant) {
        if (tenant == null) {
            MDC.remove(TENANT);
        } else {
            MDC.put(TENANT, tenant);
        }
    }

    public static String requestId() {
        return MDC.get(REQUEST_ID);
    }

    public static String traceId() {
        return MDC.get(TRACE_ID);
    }

    /**
     * The current context's trace as a {@code traceparent} to hand on (a queue message, an outgoing call): its trace
     * id and span id; the sampling flag is not kept in the context, so it is {@code 00}. Empty outside a context.
     */
    public static java.util.Optional<TraceParent> traceParent() {
        String traceId = MDC.get(TRACE_ID);
        String spanId = MDC.get(SPAN_ID);
        return traceId == null || spanId == null ? java.util.Optional.empty()
                : java.util.Optional.of(new TraceParent("00", traceId, spanId, "00"));
    }

    public static final class Scope implements AutoCloseable {
        private static final Scope INSTANCE = new Scope();

        private Scope() {
        }

        @Override
        public void close() {
            MDC.remove(FUNCTION);
            MDC.remove(REQUEST_ID);
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
            MDC.remove(TENANT);
        }
    }
}
