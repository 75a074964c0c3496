package dev.supportdesk.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.contract.ContainerBlobEventContract;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The blob-event contract through {@link BlobCreatedFunction}, fed Event Grid BlobCreated events, and the
 * {@code ocrQueue} function it hands the OCR work to, on Azurite.
 */
class EventGridBlobEventContractTest extends ContainerBlobEventContract {

    private static final Logger LOG = Logger.getLogger(EventGridBlobEventContractTest.class.getName());
    private static final String ACCOUNT = "https://supportdeskstore.blob.core.windows.net/";

    private static ConfigurableApplicationContext context;
    private static BlobCreatedFunction function;
    private static HttpApiFunction http;
    private static OcrQueueHost ocrQueue;

    @BeforeAll
    static void start() {
        context = Emulators.azureContext();
        function = new BlobCreatedFunction(context);
        http = new HttpApiFunction(context);
        ocrQueue = new OcrQueueHost(context, 5);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** A {@code Microsoft.Storage.BlobCreated} event in the Event Grid schema, as the storage account emits it. */
    static String blobCreatedEvent(String url, String eTag, long size, String container, String blobName) {
        try (InputStream in = EventGridBlobEventContractTest.class.getResourceAsStream("/events/blob-created.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${container}", container)
                    .replace("${blobName}", blobName)
                    .replace("${eventId}", UUID.randomUUID().toString())
                    .replace("${eTag}", eTag)
                    .replace("${contentType}", "application/pdf")
                    .replace("${contentLength}", Long.toString(size))
                    .replace("${url}", url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ApiClient api() {
        return new ApiClient(request -> FakeFunctionsHostRequest.toNeutral(http.run(FakeFunctionsHostRequest.of(request))));
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return TestTokens.token(subject, tenant, roles);
    }

    @Override
    protected BlobStore blobs() {
        return context.getBean(BlobStorageBlobStore.class);
    }

    @Override
    protected void deliver(String key, long size, String etag, boolean otherContainer) {
        String container = otherContainer ? "elsewhere" : Emulators.CONTAINER;
        function.handle(blobCreatedEvent(ACCOUNT + container + "/" + key, etag, size, container, key), LOG);
        ocrQueue.drain();
    }

    @Override
    protected void deliverMalformed(String key) {
        String event = blobCreatedEvent(ACCOUNT + Emulators.CONTAINER + "/" + key, "0x1", 1, Emulators.CONTAINER, key);
        try {
            ObjectNode parsed = (ObjectNode) Json.MAPPER.readTree(event);
            ((ObjectNode) parsed.get("data")).remove("contentLength");
            function.handle(parsed.toString(), LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
