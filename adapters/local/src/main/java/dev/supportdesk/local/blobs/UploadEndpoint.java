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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code PUT /blobs/{key}?...&signature=...}: the target of local upload URLs. Checks the signed
 * grant (key, content type, size limit, expiry), stores the bytes once, and then emits the neutral
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

    public HttpResponse handle(HttpRequest request) {
        try {
            return upload(request);
        } catch (ApiException e) {
            return Problems.response(e, request.rawPath());
        }
    }

    private HttpResponse upload(HttpRequest request) {
        if (!request.method().equals("PUT")) {
            throw new ApiException(ProblemType.METHOD_NOT_ALLOWED, "upload URLs take PUT only", Map.of("Allow", "PUT"));
        }
        String key = URLDecoder.decode(request.rawPath().substring(PREFIX.length()), StandardCharsets.UTF_8);
        if (!FolderBlobStore.isValidKey(key)) {
            throw ApiException.notFound("no upload is possible at this URL");
        }
        UploadSignature.Grant grant = grant(key, QueryParams.of(request, "contentType", "maxSize", "expires", "signature"),
                request);
        if (clock.instant().getEpochSecond() > grant.expiresEpochSecond()) {
            throw ApiException.forbidden("the upload URL has expired; declare the attachment again for a new one");
        }
        String contentType = request.headers().first("Content-Type").orElse("");
        if (!contentType.equalsIgnoreCase(grant.contentType())) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "this upload URL takes Content-Type '"
                    + grant.contentType() + "', the request sent '" + contentType + "'");
        }
        byte[] body = request.body();
        if (body.length == 0) {
            throw ApiException.badRequest("the upload is empty");
        }
        if (body.length > grant.maxSize()) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "this upload URL takes at most " + grant.maxSize()
                    + " bytes, the request sent " + body.length);
        }
        Optional<BlobMetadata> stored;
        try {
            stored = blobs.putIfAbsent(key, new ByteArrayInputStream(body), body.length, grant.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private UploadSignature.Grant grant(String key, QueryParams query, HttpRequest request) {
        String contentType = query.get("contentType").orElseThrow(UploadEndpoint::unsigned);
        String signature = query.get("signature").orElseThrow(UploadEndpoint::unsigned);
        long maxSize;
        long expires;
        try {
            maxSize = Long.parseLong(query.get("maxSize").orElseThrow(UploadEndpoint::unsigned));
            expires = Long.parseLong(query.get("expires").orElseThrow(UploadEndpoint::unsigned));
        } catch (NumberFormatException e) {
            throw unsigned();
        }
        UploadSignature.Grant grant = new UploadSignature.Grant(key, contentType, maxSize, expires);
        if (!blobs.signature().verify(grant, signature)) {
            throw ApiException.forbidden("the upload URL's signature does not match; use the URL exactly as it was issued");
        }
        return grant;
    }

    private static ApiException unsigned() {
        return ApiException.forbidden("the upload URL is incomplete; use the URL exactly as it was issued");
    }
}
