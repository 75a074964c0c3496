package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.AttachmentKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob-event contract, written once: what a runtime's "blob created" trigger (S3 notifications,
 * Event Grid events, the local upload folder) does with the deliveries a real store makes: at least
 * once, in any order, late, for other containers and other prefixes, and sometimes malformed. Each
 * runtime supplies its API, its blob store and a way to deliver its native event; the effects are then
 * read back through the API, the same on every runtime.
 */
public abstract class BlobEventContract {

    /** A content whose text extraction fails fast and for good: it claims to be a PDF and is not one. */
    protected static final byte[] NOT_REALLY_A_PDF = "%PDF-1.7 not really".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> SETTLED = Set.of("DONE", "FAILED");

    /** Sends a request to this runtime's API. */
    protected abstract ApiClient api();

    /** A valid token for this runtime's API. */
    protected abstract String token(String subject, String tenant, Role... roles);

    /** The runtime's blob store, holding the uploads container. */
    protected abstract BlobStore blobs();

    /**
     * Delivers this runtime's native "blob created" event, as its store would send it.
     *
     * @param otherContainer whether the event is about a container (bucket) other than the uploads one
     */
    protected abstract void deliver(String key, long size, String etag, boolean otherContainer);

    /**
     * Delivers a native event about {@code key} that lacks what every such event carries.
     *
     * @throws IllegalArgumentException with a message that says what is wrong, as the runtime's trigger fails
     */
    protected abstract void deliverMalformed(String key);

    private String token;

    @BeforeEach
    void caller() {
        token = token("alice", "t" + UUID.randomUUID().toString().substring(0, 8), Role.CUSTOMER);
    }

    @Test
    void aDuplicateDeliveryHasOneEffect() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        String etag = store(declared.key(), NOT_REALLY_A_PDF);

        deliver(declared.key(), NOT_REALLY_A_PDF.length, etag, false);
        JsonNode first = settled(declared);
        assertThat(first.path("uploadedAt").isNull()).isFalse();
        assertThat(first.path("ocr").path("status").asText()).isEqualTo("FAILED");

        deliver(declared.key(), NOT_REALLY_A_PDF.length, etag, false);
        assertThat(settled(declared)).isEqualTo(first);
    }

    @Test
    void anEventForOverwrittenContentIsDroppedWhenItComesLate() {
        Declared declared = declare(NOT_REALLY_A_PDF.length + 1);
        String old = store(declared.key(), NOT_REALLY_A_PDF);
        String current = store(declared.key(), (new String(NOT_REALLY_A_PDF, StandardCharsets.UTF_8) + "!")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(current).isNotEqualTo(old);

        deliver(declared.key(), NOT_REALLY_A_PDF.length + 1, current, false);
        JsonNode recorded = settled(declared);
        deliver(declared.key(), NOT_REALLY_A_PDF.length, old, false);
        assertThat(settled(declared)).isEqualTo(recorded);
    }

    @Test
    void anEventForOverwrittenContentRecordsNothingWhenItComesFirst() {
        Declared declared = declare(NOT_REALLY_A_PDF.length + 1);
        String old = store(declared.key(), NOT_REALLY_A_PDF);
        store(declared.key(), (new String(NOT_REALLY_A_PDF, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8));

        deliver(declared.key(), NOT_REALLY_A_PDF.length, old, false);
        JsonNode attachment = read(declared);
        assertThat(attachment.path("uploadedAt").isNull()).as("%s", attachment).isTrue();
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void aBlobOutsideTheUploadsPrefixIsIgnored() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        String outside = "elsewhere/" + declared.key().substring("uploads/".length());
        String etag = store(outside, NOT_REALLY_A_PDF);

        deliver(outside, NOT_REALLY_A_PDF.length, etag, false);
        assertThat(read(declared).path("uploadedAt").isNull()).isTrue();
        assertThat(blobs().list("ocr/")).noneMatch(key -> key.contains(declared.attachmentId()));
    }

    @Test
    void aMalformedEventIsRejectedClearlyAndWritesNothing() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        store(declared.key(), NOT_REALLY_A_PDF);
        JsonNode before = read(declared);

        assertThatThrownBy(() -> deliverMalformed(declared.key()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("Exception");
        assertThat(read(declared)).isEqualTo(before);
    }

    protected record Declared(String location, String key, String attachmentId) {
    }

    protected Declared declare(long size) {
        ApiClient.Reply ticket = api().post("/tickets", token, "{\"subject\":\"scan\",\"description\":\"see attachment\"}");
        assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
        ApiClient.Reply declared = api().post(ticket.header("Location") + "/attachments", token,
                "{\"fileName\":\"scan.pdf\",\"contentType\":\"application/pdf\",\"size\":" + size + "}");
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String attachmentId = declared.text("id");
        return new Declared(declared.header("Location"),
                AttachmentKeys.key(ticket.text("tenant"), ticket.text("id"), attachmentId), attachmentId);
    }

    /** Writes the content as an upload would and returns its ETag as the store's events carry it. */
    protected String store(String key, byte[] content) {
        blobs().put(key, new ByteArrayInputStream(content), content.length, "application/pdf");
        BlobMetadata metadata = blobs().metadata(key).orElseThrow();
        return metadata.etag().replace("\"", "");
    }

    protected JsonNode read(Declared declared) {
        ApiClient.Reply reply = api().get(declared.location(), token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    /** The attachment once its text extraction has finished (runtimes may run it in the background). */
    private JsonNode settled(Declared declared) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode attachment = read(declared);
        while (!SETTLED.contains(attachment.path("ocr").path("status").asText()) && Instant.now().isBefore(deadline)) {
            sleep();
            attachment = read(declared);
        }
        return attachment;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
