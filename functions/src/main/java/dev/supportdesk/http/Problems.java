package dev.supportdesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
}
