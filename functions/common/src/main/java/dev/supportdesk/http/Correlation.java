package dev.supportdesk.http;

import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.TraceParent;
import java.util.Optional;
import java.util.function.Function;

/**
 * Request correlation for every runtime's HTTP adapter: the runtime's request id (API Gateway's
 * {@code requestContext.requestId}, Azure's invocation id, a new UUID locally) and the W3C trace (an
 * incoming valid {@code traceparent} is honoured, else the runtime's or a new one) go into the log
 * context for the call; the response carries {@value #REQUEST_ID_HEADER} and {@code traceparent}.
 */
public final class Correlation {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private Correlation() {
    }

    /** Serves {@code request} with {@code api} inside its log context, and tags the response. */
    public static HttpResponse serve(String function, String requestId, TraceParent fallback, HttpRequest request,
                                     Function<HttpRequest, HttpResponse> api) {
        String id = requestId == null || requestId.isBlank() ? TraceParent.requestId() : requestId;
        TraceParent trace = trace(request, fallback);
        HttpResponse response;
        try (LogContext.Scope scope = LogContext.open(function, id, trace)) {
            response = api.apply(request);
        }
        return tag(response, id, trace);
    }

    public static HttpResponse serve(String function, String requestId, HttpRequest request,
                                     Function<HttpRequest, HttpResponse> api) {
        return serve(function, requestId, null, request, api);
    }

    /** The request's valid {@code traceparent}, else {@code fallback}, else a new trace. */
    public static TraceParent trace(HttpRequest request, TraceParent fallback) {
        Optional<TraceParent> incoming = TraceParent.parse(request.headers().value(TraceParent.HEADER));
        if (incoming.isPresent()) {
            return incoming.get();
        }
        return fallback != null ? fallback : TraceParent.generate();
    }

    public static HttpResponse tag(HttpResponse response, String requestId, TraceParent trace) {
        response.headers().set(REQUEST_ID_HEADER, requestId);
        response.headers().set(TraceParent.HEADER, trace.header());
        return response;
    }
}
