package dev.supportdesk.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import dev.supportdesk.azure.events.EventGridEvents;
import dev.supportdesk.azure.events.HttpMessages;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.identity.Role;
import dev.supportdesk.identity.TokenVerifier;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.EventFuzz;
import dev.supportdesk.testing.EventMutation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the Azure event parsers with mutations of valid events: Event Grid BlobCreated in the Event
 * Grid schema and as a CloudEvent, and the Functions host's HTTP request messages (URL, headers with
 * a real bearer token, body). Each ends in a result or an {@link IllegalArgumentException} with a
 * message (the Event Grid trigger then fails the delivery, which Event Grid retries and dead-letters);
 * an HTTP message always maps to a request, whose caller may be anonymous; never another exception.
 */
class AzureEventParsersFuzzTest {

    private static final String BLOB_URL = "https://supportdeskstore.blob.core.windows.net/uploads/uploads/acme/t1/a%2Bb.pdf";

    private final HttpMessages messages = new HttpMessages(new TokenVerifier(
            JWKSourceBuilder.create(uri(TestTokens.jwksUri())).build(), TestTokens.ISSUER, TestTokens.AUDIENCE,
            ClaimsMapper.defaults()), "api");

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void eventGridSchema(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(eventGridEvent(), mutations);
        EventFuzz.assertResultOrClearRejection(input, IllegalArgumentException.class,
                () -> EventGridEvents.parse(new String(input, StandardCharsets.UTF_8)));
    }

    @Property(tries = EventFuzz.TRIES, seed = "14")
    void cloudEventSchema(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(cloudEvent(), mutations);
        EventFuzz.assertResultOrClearRejection(input, IllegalArgumentException.class,
                () -> EventGridEvents.parse(new String(input, StandardCharsets.UTF_8)));
    }

    /** No rejection allowed: whatever the host hands over becomes a request (the core answers it). */
    @Property(tries = EventFuzz.TRIES, seed = "14")
    void functionsHttpMessage(@ForAll("mutations") List<EventMutation> mutations) {
        byte[] input = EventFuzz.mutate(httpMessage(), mutations);
        JsonNode message = EventFuzz.parseOrNull(input);
        if (message == null || !message.isObject()) {
            return; // the host never hands over anything but a request; only its parts vary
        }
        EventFuzz.assertResultOrClearRejection(input, NoRejectionAllowed.class, () -> messages.toRequest(hostRequest(message)));
    }

    @Provide
    Arbitrary<List<EventMutation>> mutations() {
        return EventFuzz.mutations();
    }

    /** What the host can deliver: a known method, text header values, a URL string, a body of bytes. */
    private static FakeFunctionsHostRequest hostRequest(JsonNode message) {
        HttpMethod method;
        try {
            method = HttpMethod.value(message.path("method").asText("GET"));
        } catch (IllegalArgumentException e) {
            method = HttpMethod.GET;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        message.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue().asText()));
        byte[] body = message.path("body").isNull() || message.path("body").isMissingNode() ? null
                : message.path("body").asText().getBytes(StandardCharsets.UTF_8);
        return new FakeFunctionsHostRequest(message.path("url").asText(FakeFunctionsHostRequest.HOST + "/"), method,
                headers, body);
    }

    private static String httpMessage() {
        return Json.object().put("method", "POST")
                .put("url", FakeFunctionsHostRequest.HOST + "/api/tickets/0b6f1c9e-3f59-4a0e-9a55-b3e9f1f0c1aa/responses?limit=5&x=%20")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("headers", Json.object()
                        .put("authorization", "Bearer " + TestTokens.token("ann", "acme", Role.AGENT))
                        .put("content-type", "application/json").put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .put("body", "{\"body\":\"hello\"}").toString();
    }

    private static String eventGridEvent() {
        return "{\"topic\":\"/subscriptions/0/resourceGroups/sd/providers/Microsoft.Storage/storageAccounts/supportdeskstore\","
                + "\"subject\":\"/blobServices/default/containers/uploads/blobs/uploads/acme/t1/a+b.pdf\","
                + "\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"e1\",\"data\":{\"api\":\"PutBlob\","
                + "\"eTag\":\"0x8D\",\"contentType\":\"application/pdf\",\"contentLength\":5,\"blobType\":\"BlockBlob\","
                + "\"url\":\"" + BLOB_URL + "\",\"sequencer\":\"01\"},\"dataVersion\":\"\",\"metadataVersion\":\"1\","
                + "\"eventTime\":\"2026-03-01T10:00:00.0000000Z\"}";
    }

    private static String cloudEvent() {
        return "{\"specversion\":\"1.0\",\"type\":\"Microsoft.Storage.BlobCreated\","
                + "\"source\":\"/subscriptions/0/resourceGroups/sd/providers/Microsoft.Storage/storageAccounts/supportdeskstore\","
                + "\"subject\":\"/blobServices/default/containers/uploads/blobs/uploads/acme/t1/a+b.pdf\",\"id\":\"e1\","
                + "\"time\":\"2026-03-01T10:00:00Z\",\"data\":{\"api\":\"PutBlob\",\"eTag\":\"0x8D\",\"contentLength\":5,"
                + "\"url\":\"" + BLOB_URL + "\"}}";
    }

    private static java.net.URL uri(String text) {
        try {
            return URI.create(text).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No exception is an acceptable outcome of mapping an HTTP message. */
    private static final class NoRejectionAllowed extends RuntimeException {
    }
}
