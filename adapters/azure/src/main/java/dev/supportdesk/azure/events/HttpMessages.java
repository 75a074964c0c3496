package dev.supportdesk.azure.events;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.TokenVerifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps the Functions host's HTTP messages to the core's neutral HTTP model and back. The caller's
 * identity comes only from a bearer token verified here; no other request header is trusted.
 */
public final class HttpMessages {

    private final TokenVerifier verifier;
    private final String routePrefix;

    /** @param routePrefix host.json's {@code extensions.http.routePrefix}; stripped from every path */
    public HttpMessages(TokenVerifier verifier, String routePrefix) {
        this.verifier = verifier;
        this.routePrefix = routePrefix == null || routePrefix.isBlank() ? ""
                : "/" + routePrefix.replaceAll("^/+|/+$", "");
    }

    public HttpRequest toRequest(HttpRequestMessage<Optional<byte[]>> message) {
        RawUrl url = RawUrl.of(message);
        HttpRequest.Builder builder = HttpRequest.builder(message.getHttpMethod().name().toUpperCase(Locale.ROOT),
                publicPath(url.path()));
        builder.rawQuery(url.query());
        Headers headers = new Headers();
        message.getHeaders().forEach((name, value) -> {
            headers.add(name, value);
            builder.header(name, value);
        });
        Optional<byte[]> body = message.getBody();
        builder.body(body == null ? new byte[0] : body.orElse(new byte[0]));
        builder.caller(verifier.caller(headers.first("Authorization")));
        return builder.build();
    }

    public static HttpResponseMessage toResponse(HttpRequestMessage<?> message, HttpResponse response) {
        HttpResponseMessage.Builder builder = message.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach((name, values) -> builder.header(name, String.join(", ", values)));
        if (response.body().length > 0) {
            builder.body(response.body());
        }
        return builder.build();
    }

    private String publicPath(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!routePrefix.isEmpty() && (path.equals(routePrefix) || path.startsWith(routePrefix + "/"))) {
            path = path.substring(routePrefix.length());
        }
        return path.isEmpty() ? "/" : path;
    }

    /** The request URL's path and query, both still percent-encoded. */
    private record RawUrl(String path, String query) {

        /**
         * The Java worker builds {@code getUri()} with {@code URI.create}, which refuses a URL with a
         * malformed escape ({@code ?q=%zz}); the URL it refused is then read from the exception, so the
         * core still answers such a request with its 400 rather than the host with a 500.
         */
        static RawUrl of(HttpRequestMessage<?> message) {
            try {
                URI uri = message.getUri();
                return new RawUrl(uri.getRawPath(), uri.getRawQuery());
            } catch (IllegalArgumentException e) {
                if (e.getCause() instanceof URISyntaxException refused) {
                    return parse(refused.getInput());
                }
                throw e;
            }
        }

        private static RawUrl parse(String url) {
            String rest = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", "");
            int fragment = rest.indexOf('#');
            rest = fragment < 0 ? rest : rest.substring(0, fragment);
            int question = rest.indexOf('?');
            return question < 0 ? new RawUrl(rest, "") : new RawUrl(rest.substring(0, question), rest.substring(question + 1));
        }
    }
}
