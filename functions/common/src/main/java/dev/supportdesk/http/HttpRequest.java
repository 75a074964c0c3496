package dev.supportdesk.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A runtime-neutral HTTP request. Every adapter maps its own event onto this type.
 *
 * @param method upper-case HTTP method
 * @param rawPath the path as it appeared on the wire (still percent-encoded), without query string
 * @param query decoded query parameters in arrival order
 * @param headers request headers
 * @param body the body bytes (empty when there is none)
 * @param caller who is calling, as established by the adapter from a verified token
 */
public record HttpRequest(String method, String rawPath, Map<String, List<String>> query,
                          Headers headers, byte[] body, Caller caller) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = Map.copyOf(query);
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(caller, "caller");
    }

    public static Builder builder(String method, String rawPath) {
        return new Builder(method, rawPath);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(method, rawPath).body(body).caller(caller);
        builder.query.putAll(query);
        headers.forEach((name, values) -> values.forEach(value -> builder.headers.add(name, value)));
        return builder;
    }

    public static final class Builder {
        private final String method;
        private final String rawPath;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Headers headers = new Headers();
        private byte[] body = new byte[0];
        private Caller caller = Caller.anonymous("no credentials were presented");

        private Builder(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        public Builder query(String name, String value) {
            query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public Builder jsonBody(String json) {
            headers.set("Content-Type", "application/json");
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        public HttpRequest build() {
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            query.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
            return new HttpRequest(method, rawPath, frozen, headers, body, caller);
        }
    }
}
