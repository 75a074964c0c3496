package dev.supportdesk.local;

import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

/** Sends neutral requests to the local app over real HTTP (java.net.http). */
final class LocalHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

    private LocalHttp() {
    }

    static HttpResponse send(int port, HttpRequest request) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        request.query().forEach((name, values) -> values.forEach(value -> query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + request.rawPath() + query))
                .method(request.method(), request.body().length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            java.net.http.HttpResponse<byte[]> response = CLIENT.send(builder.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            Headers headers = new Headers();
            response.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
            return new HttpResponse(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
