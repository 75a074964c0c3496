package dev.supportdesk.azure.events;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.supportdesk.http.Caller;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.InvalidTokenException;
import dev.supportdesk.identity.TokenVerifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
        URI uri = message.getUri();
        HttpRequest.Builder builder = HttpRequest.builder(message.getHttpMethod().name().toUpperCase(Locale.ROOT),
                publicPath(uri.getRawPath()));
        parseRawQuery(uri.getRawQuery(), builder);
        Headers headers = new Headers();
        message.getHeaders().forEach((name, value) -> {
            headers.add(name, value);
            builder.header(name, value);
        });
        Optional<byte[]> body = message.getBody();
        builder.body(body == null ? new byte[0] : body.orElse(new byte[0]));
        builder.caller(caller(headers.first("Authorization")));
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

    private Caller caller(Optional<String> authorization) {
        try {
            return Caller.authenticated(verifier.verifyAuthorizationHeader(authorization));
        } catch (InvalidTokenException e) {
            return Caller.anonymous(e.getMessage());
        }
    }

    private String publicPath(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!routePrefix.isEmpty() && (path.equals(routePrefix) || path.startsWith(routePrefix + "/"))) {
            path = path.substring(routePrefix.length());
        }
        return path.isEmpty() ? "/" : path;
    }

    private static void parseRawQuery(String rawQuery, HttpRequest.Builder builder) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            builder.query(decode(name), decode(value));
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
