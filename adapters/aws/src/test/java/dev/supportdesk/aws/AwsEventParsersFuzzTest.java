package dev.supportdesk.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.ApiGatewayEvents;
import dev.supportdesk.aws.events.S3Events;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.testing.EventFuzz;
import dev.supportdesk.testing.EventMutation;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the AWS event parsers with mutations of valid events: API Gateway payload 2.0 and 1.0 (with
 * claims, base64 body, multi-values) and S3 notifications. Each ends in a result or an
 * {@link IllegalArgumentException} with a message, which {@link HttpApiHandler} answers with a 400
 * problem and {@link S3UploadHandler} fails the invocation with (Lambda's retries, then the
 * on-failure destination); never another exception. Bytes that are not JSON never reach a parser:
 * the handlers refuse them first, as here.
 */
class AwsEventParsersFuzzTest {

    private final ApiGatewayEvents events = new ApiGatewayEvents(new ClaimsMapper("custom:tenant", "cognito:groups"));

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void apiGatewayV2(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(v2Event(), mutations);
        EventFuzz.assertResultOrClearRejection(input, IllegalArgumentException.class, () -> toRequest(input));
    }

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void apiGatewayV1(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(v1Event(), mutations);
        EventFuzz.assertResultOrClearRejection(input, IllegalArgumentException.class, () -> toRequest(input));
    }

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void s3Notification(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(s3Event(), mutations);
        EventFuzz.assertResultOrClearRejection(input, IllegalArgumentException.class,
                () -> S3Events.created(EventFuzz.parseOrNull(input)));
    }

    @Provide
    Arbitrary<List<EventMutation>> mutations() {
        return EventFuzz.mutations();
    }

    /** As {@link HttpApiHandler}: JSON that is not an object is refused before the mapping. */
    private void toRequest(byte[] input) {
        JsonNode event = EventFuzz.parseOrNull(input);
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        events.toRequest(event);
    }

    private static String v2Event() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v2-request.json");
        event.put("rawPath", "/tickets/0b6f1c9e-3f59-4a0e-9a55-b3e9f1f0c1aa").put("rawQueryString", "status=OPEN&limit=5");
        event.putArray("cookies").add("a=1");
        event.put("isBase64Encoded", true).put("body", Base64.getEncoder().encodeToString("{\"subject\":\"s\"}".getBytes()));
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims")
                .put("sub", "ann").put("custom:tenant", "acme").put("cognito:groups", "[agent admin]");
        return event.toString();
    }

    private static String v1Event() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v1-request.json");
        event.put("path", "/tickets/with space");
        event.putObject("multiValueHeaders").putArray("Accept").add("text/plain").add("application/json");
        event.putObject("multiValueQueryStringParameters").putArray("status").add("OPEN").add("CLOSED");
        event.put("body", "{\"subject\":\"s\"}");
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("claims")
                .put("sub", "ann").put("custom:tenant", "acme").put("cognito:groups", "agent,admin");
        return event.toString();
    }

    private static String s3Event() {
        ObjectNode event = ApiGatewaySimulator.sample("s3-object-created.json");
        ((ObjectNode) event.get("Records").get(0).get("s3").get("object"))
                .put("key", "uploads/acme/t%2B1/a+b.pdf").put("size", 5).put("eTag", "abc");
        event.withArray("Records").add(event.get("Records").get(0).deepCopy());
        return event.toString();
    }
}
