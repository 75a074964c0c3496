package dev.supportdesk.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Opens a context; closing it restores what the thread had before. */
    public static Scope open(String function, String requestId, TraceParent trace) {
        Scope scope = new Scope();
        scope.put(FUNCTION, function);
        scope.put(REQUEST_ID, requestId);
        if (trace != null) {
            scope.put(TRACE_ID, trace.traceId());
            scope.put(SPAN_ID, trace.parentId());
        }
        return scope;
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

    public static final class Scope implements AutoCloseable {
        private final Map<String, String> previous = new LinkedHashMap<>();
        private final String previousTenant = MDC.get(TENANT);

        private Scope() {
        }

        private void put(String key, String value) {
            previous.put(key, MDC.get(key));
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }

        @Override
        public void close() {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
            if (previousTenant == null) {
                MDC.remove(TENANT);
            } else {
                MDC.put(TENANT, previousTenant);
            }
        }
    }
}
