package dev.supportdesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.domain.Conflict;
import dev.supportdesk.domain.DomainException;
import dev.supportdesk.domain.Forbidden;
import dev.supportdesk.domain.IllegalTransition;
import dev.supportdesk.domain.InvalidCursor;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.domain.NotFound;
import dev.supportdesk.domain.PreconditionFailed;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.json.Json;

/** Renders RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static HttpResponse response(ProblemType type, String detail, String instance) {
        ObjectNode problem = Json.object()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return HttpResponse.of(type.status(), MEDIA_TYPE, Json.bytes(problem));
    }

    public static HttpResponse response(ApiException e, String instance) {
        HttpResponse response = response(e.type(), e.detail(), instance);
        e.headers().forEach(response::withHeader);
        return response;
    }

    /** The one mapping of the families' domain exceptions to problem types. */
    public static HttpResponse response(DomainException e, String instance) {
        HttpResponse response = response(typeOf(e), e.getMessage(), instance);
        if (e instanceof Unavailable unavailable) {
            response.withHeader("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
        }
        return response;
    }

    static ProblemType typeOf(DomainException e) {
        return switch (e) {
            case NotFound notFound -> ProblemType.NOT_FOUND;
            case Forbidden forbidden -> ProblemType.FORBIDDEN;
            case IllegalTransition transition -> ProblemType.INVALID_TRANSITION;
            case Conflict conflict -> ProblemType.CONFLICT;
            case PreconditionFailed failed -> ProblemType.PRECONDITION_FAILED;
            case InvalidCursor cursor -> ProblemType.INVALID_CURSOR;
            case InvalidInput invalid -> ProblemType.INVALID_REQUEST;
            case Unavailable unavailable -> ProblemType.SERVICE_UNAVAILABLE;
        };
    }
}
