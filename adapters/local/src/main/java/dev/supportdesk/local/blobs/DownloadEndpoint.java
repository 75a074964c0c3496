package dev.supportdesk.local.blobs;

import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.ports.BlobMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /downloads/{key}?expires=...&signature=...}: the target of local download URLs
 * ({@link FolderBlobStore#signedDownloadUrl}). Serves the blob when the signature covers its key and
 * expiry and the expiry has not passed; anything else is a problem, never the blob.
 */
public final class DownloadEndpoint {

    public static final String PREFIX = "/downloads/";

    private final FolderBlobStore blobs;
    private final Clock clock;

    public DownloadEndpoint(FolderBlobStore blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return download(request);
        } catch (ApiException e) {
            return Problems.response(e, request.rawPath());
        }
    }

    private HttpResponse download(HttpRequest request) {
        if (!request.method().equals("GET")) {
            throw new ApiException(ProblemType.METHOD_NOT_ALLOWED, "download URLs take GET only", Map.of("Allow", "GET"));
        }
        String key;
        try {
            key = URLDecoder.decode(request.rawPath().substring(PREFIX.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("nothing can be downloaded at this URL");
        }
        QueryParams query = QueryParams.of(request, "expires", "signature");
        long expires;
        try {
            expires = Long.parseLong(query.get("expires").orElseThrow(DownloadEndpoint::incomplete));
        } catch (NumberFormatException e) {
            throw incomplete();
        }
        String signature = query.get("signature").orElseThrow(DownloadEndpoint::incomplete);
        if (!FolderBlobStore.isValidKey(key) || !blobs.downloadSignature().verify(key, expires, signature)) {
            throw ApiException.forbidden("the download URL's signature does not match; use the URL exactly as it was issued");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw ApiException.forbidden("the download URL has expired; ask the API for a new one");
        }
        Optional<BlobMetadata> metadata = blobs.metadata(key);
        Optional<InputStream> content = blobs.get(key);
        if (metadata.isEmpty() || content.isEmpty()) {
            throw ApiException.notFound("the file of this download URL is gone");
        }
        try (InputStream in = content.get()) {
            return HttpResponse.of(200, metadata.get().contentType(), in.readAllBytes())
                    .withHeader("Cache-Control", "private, no-store");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + key, e);
        }
    }

    private static ApiException incomplete() {
        return ApiException.forbidden("the download URL is incomplete; use the URL exactly as it was issued");
    }
}
