package dev.supportdesk.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written stand-in for the request object the Functions host gives an HttpTrigger with
 * {@code dataType = "binary"} (the host itself cannot run on this machine): the full request URL,
 * lower-case header names with repeated headers joined by commas, the body as
 * {@code Optional<byte[]>} (empty when there is none), and a response builder.
 */
final class FakeFunctionsHostRequest implements HttpRequestMessage<Optional<byte[]>> {

    static final String HOST = "https://supportdesk-func.azurewebsites.net";

    private final String url;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final byte[] body;

    FakeFunctionsHostRequest(String url, HttpMethod method, Map<String, String> headers, byte[] body) {
        this.url = url;
        this.method = method;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** The request as a client would send it to the Function App. */
    static FakeFunctionsHostRequest of(HttpRequest request) {
        String url = HOST + request.rawPath() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new FakeFunctionsHostRequest(url, HttpMethod.value(request.method()), headers, request.body());
    }

    /** What the host would send back to the client. */
    static HttpResponse toNeutral(HttpResponseMessage message) {
        Response response = (Response) message;
        Headers headers = new Headers();
        response.headers.forEach(headers::add);
        return new HttpResponse(response.getStatusCode(), headers, (byte[]) response.getBody());
    }

    /** As the Java worker does: {@code URI.create} of the URL, which throws for a malformed escape. */
    @Override
    public URI getUri() {
        return URI.create(url);
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    /** The host's decoded parameters: not offered, so that the adapter reads the raw query only. */
    @Override
    public Map<String, String> getQueryParameters() {
        throw new UnsupportedOperationException("the adapter must read the raw query from getUri()");
    }

    @Override
    public Optional<byte[]> getBody() {
        return body == null || body.length == 0 ? Optional.empty() : Optional.of(body.clone());
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Builder(status);
    }

    private static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        Builder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType status) {
            this.status = status;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String key, String value) {
            headers.put(key, value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object body) {
            this.body = body;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            if (body != null && !(body instanceof byte[])) {
                throw new AssertionError("the adapter must answer with bytes, got " + body.getClass());
            }
            return new Response(status, Map.copyOf(headers), body == null ? new byte[0] : (byte[]) body);
        }
    }

    private record Response(HttpStatusType status, Map<String, String> headers, byte[] body)
            implements HttpResponseMessage {

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String key) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public Object getBody() {
            return body;
        }
    }
}
