package dev.supportdesk.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** A small request DSL over whatever transport an adapter's contract test plugs in. */
public final class ApiClient {

    private final Function<HttpRequest, HttpResponse> transport;

    public ApiClient(Function<HttpRequest, HttpResponse> transport) {
        this.transport = transport;
    }

    /** @param pathAndQuery sent as written: the query is not encoded, so a test can send any raw query */
    public Reply get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token, null, null);
    }

    public Reply post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json);
    }

    public Reply patch(String path, String token, String json, String ifMatch) {
        return send("PATCH", path, token, "application/json", json, "If-Match", ifMatch);
    }

    public Reply send(String method, String pathAndQuery, String token, String contentType, String body,
                      String... extraHeaders) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        HttpRequest.Builder builder = HttpRequest.builder(method, path)
                .rawQuery(question < 0 ? "" : pathAndQuery.substring(question + 1));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            if (extraHeaders[i + 1] != null) {
                builder.header(extraHeaders[i], extraHeaders[i + 1]);
            }
        }
        if (body != null) {
            builder.body(body.getBytes(StandardCharsets.UTF_8));
        }
        return new Reply(transport.apply(builder.build()));
    }

    /** A response with JSON helpers. */
    public record Reply(HttpResponse response) {

        public int status() {
            return response.status();
        }

        public Headers headers() {
            return response.headers();
        }

        public String header(String name) {
            return response.headers().first(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("response body is not JSON: " + response.bodyText(), e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        @Override
        public String toString() {
            return response.status() + " " + response.headers().asMap() + " " + response.bodyText();
        }
    }
}
