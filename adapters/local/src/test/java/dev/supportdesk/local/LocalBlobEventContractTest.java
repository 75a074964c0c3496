package dev.supportdesk.local;

import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.contract.BlobEventContract;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.blobs.FolderBlobStore;
import dev.supportdesk.local.tokens.TokenMinter;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * The blob-event contract on the local runtime: the upload folder's events, as its upload endpoint
 * emits them (one folder, so no other container), into the {@code blobCreated} function by name,
 * with OCR on the local background handoff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/blob-events-${random.uuid}")
class LocalBlobEventContractTest extends BlobEventContract {

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    @Autowired
    FolderBlobStore blobs;

    @Autowired
    FunctionCatalog catalog;

    @Override
    protected ApiClient api() {
        return new ApiClient(request -> LocalHttp.send(port, request));
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return minter.mint(subject, tenant, List.of(roles), Duration.ofMinutes(10)).token();
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }

    @Override
    protected void deliver(String key, long size, String etag, boolean otherContainer) {
        // one upload folder: the base contract never asks for another container here
        blobCreated().apply(new BlobCreated(key, size, etag));
    }

    @Override
    protected void deliverMalformed(String key) {
        blobCreated().apply(new BlobCreated(key, -1, "e"));
    }

    private Function<BlobCreated, ?> blobCreated() {
        return catalog.lookup(FunctionNames.BLOB_CREATED);
    }
}
