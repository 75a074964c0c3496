package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.ApiGatewayEvents;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.QueryString;
import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.identity.Role;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event mapping details that the contract suite does not reach: cookies, multi-values, binary. */
class ApiGatewayEventsTest {

    private final ApiGatewayEvents events = new ApiGatewayEvents(new ClaimsMapper("custom:tenant", "cognito:groups"));

    @Test
    void v2CookiesBecomeOneCookieHeaderAndTheRawPathStaysEncoded() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v2-request.json");
        event.put("rawPath", "/tickets/a%2Fb").put("rawQueryString", "status=OPEN&requester=a%20b");
        event.putArray("cookies").add("a=1").add("b=2");
        HttpRequest request = events.toRequest(event).request();
        assertThat(request.rawPath()).isEqualTo("/tickets/a%2Fb");
        assertThat(request.rawQuery()).isEqualTo("status=OPEN&requester=a%20b");
        assertThat(request.headers().first("Cookie")).hasValue("a=1; b=2");
        assertThat(request.caller()).isInstanceOf(Caller.Anonymous.class);
    }

    @Test
    void v1MultiValueHeadersAndQueryParametersAreKeptAndThePathIsEncoded() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v1-request.json");
        event.put("path", "/tickets/with space");
        event.putObject("multiValueHeaders").putArray("Accept").add("text/plain").add("application/json");
        ObjectNode query = event.putObject("multiValueQueryStringParameters");
        query.putArray("status").add("OPEN").add("CLOSED");
        query.putArray("q").add("a&b=c d+%");
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("claims")
                .put("sub", "ann").put("custom:tenant", "acme").put("cognito:groups", "agent,admin");
        HttpRequest request = events.toRequest(event).request();
        assertThat(request.rawPath()).isEqualTo("/tickets/with%20space");
        assertThat(request.headers().all("Accept")).containsExactly("text/plain", "application/json");
        assertThat(request.rawQuery()).isEqualTo("status=OPEN&status=CLOSED&q=a%26b%3Dc+d%2B%25");
        assertThat(QueryString.decode(request.rawQuery()))
                .containsEntry("status", List.of("OPEN", "CLOSED")).containsEntry("q", List.of("a&b=c d+%"));
        Caller.Authenticated caller = (Caller.Authenticated) request.caller();
        assertThat(caller.identity().roles()).containsExactlyInAnyOrder(Role.AGENT, Role.ADMIN);
    }

    @Test
    void v2ResponsesPutSetCookieIntoCookiesAndBinaryBodiesIntoBase64() {
        Headers headers = Headers.of("Content-Type", "image/png", "Set-Cookie", "a=1", "Set-Cookie", "b=2");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        JsonNode out = ApiGatewayEvents.toResponse(ApiGatewayEvents.Format.V2, new HttpResponse(200, headers, png));
        assertThat(out.path("cookies")).hasSize(2);
        assertThat(out.path("headers").has("Set-Cookie")).isFalse();
        assertThat(out.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(out.path("body").asText())).isEqualTo(png);
    }

    @Test
    void v1ResponsesCarryMultiValueHeadersAndTextBodiesAsText() {
        Headers headers = Headers.of("Content-Type", "application/problem+json", "Vary", "A", "Vary", "B");
        JsonNode out = ApiGatewayEvents.toResponse(ApiGatewayEvents.Format.V1,
                new HttpResponse(404, headers, "{\"status\":404}".getBytes()));
        assertThat(out.path("statusCode").asInt()).isEqualTo(404);
        assertThat(out.path("multiValueHeaders").path("Vary")).hasSize(2);
        assertThat(out.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(out.path("body").asText()).isEqualTo("{\"status\":404}");
    }

    @Test
    void claimsWithoutARoleOrWithABadTenantLeaveTheCallerAnonymousWithTheReason() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v2-request.json");
        ((ObjectNode) event.get("requestContext").get("authorizer").get("jwt")).putObject("claims")
                .put("sub", "ann").put("custom:tenant", "../x").put("cognito:groups", "[agent]");
        Caller caller = events.toRequest(event).request().caller();
        assertThat(caller).isInstanceOf(Caller.Anonymous.class);
        assertThat(((Caller.Anonymous) caller).reason()).contains("custom:tenant");
    }
}
