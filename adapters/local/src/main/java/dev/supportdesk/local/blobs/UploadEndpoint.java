package dev.supportdesk.local.blobs;

import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.ocr.BlobCreatedHandler;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobMetadata;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code PUT /blobs/{key}?...&signature=...}: the target of local upload URLs. Checks the signed
 * grant (key, content type, size limit, expiry) and the declared length before reading the body,
 * streams the bytes to a temporary file with a cap, stores them once, and then emits the neutral
 * "blob created" event, as S3 or Event Grid would in the cloud.
 */
public final class UploadEndpoint {

    public static final String PREFIX = "/blobs/";

    private final FolderBlobStore blobs;
    private final Function<BlobCreated, BlobCreatedHandler.Outcome> blobCreated;
    private final long maxBytes;
    private final Clock clock;

    public UploadEndpoint(FolderBlobStore blobs, Function<BlobCreated, BlobCreatedHandler.Outcome> blobCreated,
                          long maxBytes, Clock clock) {
        this.blobs = blobs;
        this.blobCreated = blobCreated;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Handles an upload whose body has not been read yet: the grant (signature, expiry, content type,
     * declared length) is checked from the request line and headers first, and only then is the
     * body streamed to a temporary file, cut off past the grant's size.
     *
     * @param request the request without its body
     * @param body the unread body
     * @param declaredLength the Content-Length, or -1 when the request has none
     */
    public HttpResponse handle(HttpRequest request, InputStream body, long declaredLength) {
        try {
            return upload(request, body, declaredLength);
        } catch (ApiException e) {
            return Problems.response(e, request.rawPath());
        }
    }

    private HttpResponse upload(HttpRequest request, InputStream body, long declaredLength) {
        if (!request.method().equals("PUT")) {
            throw new ApiException(ProblemType.METHOD_NOT_ALLOWED, "upload URLs take PUT only", Map.of("Allow", "PUT"));
        }
        String key;
        try {
            key = URLDecoder.decode(request.rawPath().substring(PREFIX.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no upload is possible at this URL");
        }
        if (!FolderBlobStore.isValidKey(key)) {
            throw ApiException.notFound("no upload is possible at this URL");
        }
        QueryParams query = QueryParams.of(request, "contentType", "maxSize", "expires", "signature");
        String contentType = request.headers().first("Content-Type").orElse("");
        UploadSignature.Grant grant = blobs.signature().check(key, query, contentType,
                Math.min(declaredLength, Long.MAX_VALUE), clock.instant());
        long cap = Math.min(grant.maxSize(), maxBytes);
        if (declaredLength > cap) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "uploads take at most " + cap + " bytes");
        }
        Optional<BlobMetadata> stored;
        try {
            PushbackInputStream in = new PushbackInputStream(body, 1);
            int first = in.read();
            if (first < 0) {
                throw ApiException.badRequest("the upload is empty");
            }
            in.unread(first);
            stored = blobs.putIfAbsentCapped(key, in, cap, grant.contentType());
        } catch (FolderBlobStore.TooLarge e) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "this upload URL takes at most " + cap + " bytes");
        } catch (IOException e) {
            throw ApiException.badRequest("the upload could not be read completely");
        }
        if (stored.isEmpty()) {
            throw ApiException.conflict("a file was already uploaded to this URL");
        }
        BlobMetadata blob = stored.get();
        BlobCreatedHandler.Outcome outcome = blobCreated.apply(new BlobCreated(key, blob.size(), blob.etag()));
        return HttpResponse.json(200, Json.object()
                        .put("key", key)
                        .put("size", blob.size())
                        .put("etag", blob.etag())
                        .put("outcome", outcome.upload().name())
                        .put("ocr", outcome.ocr().map(Enum::name).orElse(null)))
                .withHeader("ETag", "\"" + blob.etag() + "\"");
    }
}
