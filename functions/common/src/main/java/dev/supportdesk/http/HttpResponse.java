package dev.supportdesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.nio.charset.StandardCharsets;

/** A runtime-neutral HTTP response. */
public record HttpResponse(int status, Headers headers, byte[] body) {

    public HttpResponse {
        body = body == null ? new byte[0] : body;
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Headers.of("Content-Type", contentType), body);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return of(status, "application/json", Json.bytes(body));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, new Headers(), new byte[0]);
    }

    public HttpResponse withHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
