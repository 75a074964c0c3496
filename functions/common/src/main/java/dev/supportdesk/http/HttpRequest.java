package dev.supportdesk.http;

import dev.supportdesk.identity.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A runtime-neutral HTTP request. Every adapter maps its own event onto this type.
 *
 * @param method upper-case HTTP method
 * @param rawPath the path as it appeared on the wire (still percent-encoded), without query string
 * @param rawQuery the query string as it appeared on the wire, without the {@code ?}; empty when there
 *                 is none. Only {@link QueryParams} decodes it, so every runtime reads it the same way.
 * @param headers request headers
 * @param body the body bytes (empty when there is none)
 * @param caller who is calling, as established by the adapter from a verified token
 */
public record HttpRequest(String method, String rawPath, String rawQuery,
                          Headers headers, byte[] body, Caller caller) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(caller, "caller");
    }

    public static Builder builder(String method, String rawPath) {
        return new Builder(method, rawPath);
    }

    public static final class Builder {
        private final String method;
        private final String rawPath;
        private String rawQuery = "";
        private final Headers headers = new Headers();
        private byte[] body = new byte[0];
        private Caller caller = Caller.anonymous("no credentials were presented");

        private Builder(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        /** @param rawQuery the query string as sent, still percent-encoded, without the {@code ?} (may be null) */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
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
            return new HttpRequest(method, rawPath, rawQuery, headers, body, caller);
        }
    }
}
