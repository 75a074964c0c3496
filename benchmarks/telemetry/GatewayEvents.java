import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.ApiGatewayEvents;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The AWS API function's handler path around a side: the API Gateway (HTTP API, payload 2.0) event's bytes parsed,
 * mapped to the neutral request with the JWT authorizer's claims, and the response mapped to the gateway's and
 * serialised, as {@code HttpApiHandler} does; the side decides what runs in between (the router alone, or inside
 * {@code Correlation.serve} with telemetry). The same on both sides, so it only adds to the path being measured.
 */
final class GatewayEvents {

    private static final ApiGatewayEvents EVENTS = new ApiGatewayEvents(new ClaimsMapper("custom:tenant", "cognito:groups"));

    private GatewayEvents() {
    }

    /** The event API Gateway hands the function for {@code GET path} by the customer alice of tenant acme. */
    static byte[] get(String path, String traceparent) {
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "GET " + path).put("rawPath", path)
                .put("rawQueryString", "").put("isBase64Encoded", false);
        ObjectNode headers = event.putObject("headers").put("accept", "application/json")
                .put("authorization", "Bearer eyJ...").put("host", "abcdef1234.execute-api.eu-west-1.amazonaws.com")
                .put("x-amzn-trace-id", "Root=1-6560a1b2-1234567890abcdef12345678");
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        ObjectNode context = event.putObject("requestContext").put("accountId", "123456789012").put("apiId", "abcdef1234")
                .put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef").put("stage", "$default");
        context.putObject("http").put("method", "GET").put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "203.0.113.10");
        context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", "alice")
                .put("custom:tenant", "acme").put("cognito:groups", "[customer]");
        return Json.bytes(event);
    }

    /** {@code side} behind the handler's event mapping: event bytes in, response bytes out. */
    static Function<byte[], byte[]> around(Function<HttpRequest, HttpResponse> side) {
        return bytes -> {
            try {
                JsonNode event = Json.MAPPER.readTree(bytes);
                ApiGatewayEvents.Mapped mapped = EVENTS.toRequest(event);
                return Json.bytes(ApiGatewayEvents.toResponse(mapped.format(), side.apply(mapped.request())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
