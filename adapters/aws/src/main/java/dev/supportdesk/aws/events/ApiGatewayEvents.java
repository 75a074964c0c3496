package dev.supportdesk.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.QueryString;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.ClaimsMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps API Gateway proxy events to the core's neutral HTTP model and back: HTTP API payload format
 * 2.0 and REST API (payload 1.0) events, with base64 bodies, multi-value headers and query
 * parameters, cookies, and the claims that the gateway's authorizer has already verified. Identity is
 * taken only from those claims, never from a request header.
 */
public final class ApiGatewayEvents {

    /** Which payload format an event used; the response goes back in the same one. */
    public enum Format { V1, V2 }

    public record Mapped(Format format, HttpRequest request) {
    }

    private final ClaimsMapper claimsMapper;

    public ApiGatewayEvents(ClaimsMapper claimsMapper) {
        this.claimsMapper = claimsMapper;
    }

    /** API Gateway's id of the request ({@code requestContext.requestId}, both payload formats), or null. */
    public static String requestId(JsonNode event) {
        JsonNode id = event == null ? null : event.path("requestContext").path("requestId");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }

    public static Format formatOf(JsonNode event) {
        return "2.0".equals(event.path("version").asText()) ? Format.V2 : Format.V1;
    }

    /** @throws IllegalArgumentException when the event lacks what every proxy event carries */
    public Mapped toRequest(JsonNode event) {
        Format format = formatOf(event);
        return new Mapped(format, format == Format.V2 ? fromV2(event) : fromV1(event));
    }

    private HttpRequest fromV2(JsonNode event) {
        String method = required(event.path("requestContext").path("http").path("method"), "requestContext.http.method");
        String rawPath = required(event.path("rawPath"), "rawPath");
        HttpRequest.Builder builder = HttpRequest.builder(method.toUpperCase(Locale.ROOT), rawPath);
        builder.rawQuery(event.path("rawQueryString").asText(""));
        event.path("headers").properties().forEach(header -> builder.header(header.getKey(), header.getValue().asText()));
        List<String> cookies = new ArrayList<>();
        event.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookies));
        }
        builder.body(body(event));
        builder.caller(caller(event.path("requestContext").path("authorizer").path("jwt").path("claims"), false));
        return builder.build();
    }

    private HttpRequest fromV1(JsonNode event) {
        String method = required(event.path("httpMethod"), "httpMethod");
        String path = required(event.path("path"), "path");
        HttpRequest.Builder builder = HttpRequest.builder(method.toUpperCase(Locale.ROOT), encodePath(path));
        builder.rawQuery(QueryString.encode(decodedQuery(event)));
        JsonNode multiHeaders = event.path("multiValueHeaders");
        if (multiHeaders.isObject()) {
            multiHeaders.properties().forEach(h -> h.getValue().forEach(v -> builder.header(h.getKey(), v.asText())));
        } else {
            event.path("headers").properties().forEach(h -> builder.header(h.getKey(), h.getValue().asText()));
        }
        builder.body(body(event));
        JsonNode authorizer = event.path("requestContext").path("authorizer");
        builder.caller(caller(authorizer.path("claims").isObject() ? authorizer.path("claims")
                : authorizer.path("jwt").path("claims"), true));
        return builder.build();
    }

    /**
     * REST API events carry no raw query: the gateway hands over decoded values only (and answers
     * malformed escapes itself), so the raw query is rebuilt from them for the core to decode.
     */
    private static Map<String, List<String>> decodedQuery(JsonNode event) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        JsonNode multiQuery = event.path("multiValueQueryStringParameters");
        if (multiQuery.isObject()) {
            multiQuery.properties().forEach(p -> p.getValue().forEach(
                    v -> decoded.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(v.asText())));
        } else {
            event.path("queryStringParameters").properties().forEach(
                    p -> decoded.put(p.getKey(), List.of(p.getValue().asText())));
        }
        return decoded;
    }

    /**
     * The claims the gateway's authorizer verified, as the core's {@link ClaimsMapper} takes them. A REST
     * API Cognito authorizer hands a list claim (the roles' groups) over as one comma-separated string;
     * that string becomes the list it was (an HTTP API writes {@code "[a b]"}, which the mapper reads).
     */
    private Caller caller(JsonNode claims, boolean restApi) {
        Map<String, Object> values = new LinkedHashMap<>();
        claims.properties().forEach(claim -> {
            JsonNode value = claim.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(claim.getKey(), items);
            } else if (restApi && claim.getKey().equals(claimsMapper.rolesClaim()) && value.isTextual()) {
                values.put(claim.getKey(), List.of(value.asText().split(",", -1)));
            } else {
                values.put(claim.getKey(), value.asText());
            }
        });
        return claimsMapper.caller(values);
    }

    private static byte[] body(JsonNode event) {
        JsonNode body = event.path("body");
        if (body.isNull() || body.isMissingNode()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the event's body is flagged base64 but is not valid base64");
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** REST API events carry the decoded path; encode each segment so the router decodes it once. */
    private static String encodePath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }

    private static String required(JsonNode node, String name) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("the event has no " + name);
        }
        return node.asText();
    }

    /** The proxy integration response, in the format the event came in. */
    public static ObjectNode toResponse(Format format, HttpResponse response) {
        ObjectNode out = Json.object().put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        ObjectNode multiValueHeaders = format == Format.V1 ? out.putObject("multiValueHeaders") : null;
        ArrayNode cookies = null;
        for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
            if (format == Format.V2 && header.getKey().equalsIgnoreCase("Set-Cookie")) {
                cookies = cookies == null ? out.putArray("cookies") : cookies;
                header.getValue().forEach(cookies::add);
                continue;
            }
            headers.put(header.getKey(), String.join(", ", header.getValue()));
            if (multiValueHeaders != null) {
                ArrayNode values = multiValueHeaders.putArray(header.getKey());
                header.getValue().forEach(values::add);
            }
        }
        boolean text = isText(response.headers().first("Content-Type").orElse(""));
        out.put("isBase64Encoded", !text);
        out.put("body", text ? new String(response.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(response.body()));
        return out;
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("yaml")
                || type.contains("xml");
    }
}
