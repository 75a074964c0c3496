package dev.supportdesk.local.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.ports.DownloadUrl;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local download URLs serve their one blob until they expire, and nothing else, ever. */
class DownloadEndpointTest {

    private static final String KEY = "ocr/acme/t1/a1/v1.pdf";
    private static final byte[] PDF = "%PDF-1.7 a searchable pdf".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    @TempDir
    Path root;

    private FolderBlobStore store(Instant now) {
        FolderBlobStore store = new FolderBlobStore(root, new byte[32], () -> "http://127.0.0.1:8080",
                Clock.fixed(now, ZoneOffset.UTC));
        store.put(KEY, new ByteArrayInputStream(PDF), PDF.length, "application/pdf");
        store.put("ocr/acme/t1/a2/v1.pdf", new ByteArrayInputStream(PDF), PDF.length, "application/pdf");
        return store;
    }

    private static HttpResponse get(FolderBlobStore store, Instant at, String url, String method) {
        URI uri = URI.create(url);
        return new DownloadEndpoint(store, Clock.fixed(at, ZoneOffset.UTC))
                .handle(HttpRequest.builder(method, uri.getRawPath()).rawQuery(uri.getRawQuery()).build());
    }

    @Test
    void servesTheBlobUntilTheUrlExpires() {
        FolderBlobStore store = store(NOW);
        DownloadUrl url = store.signedDownloadUrl(KEY, Duration.ofMinutes(5));
        assertThat(url.url()).startsWith("http://127.0.0.1:8080/downloads/" + KEY + "?expires=");
        assertThat(url.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));

        HttpResponse served = get(store, NOW.plusSeconds(299), url.url(), "GET");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(PDF);
        assertThat(served.headers().first("Content-Type")).contains("application/pdf");

        HttpResponse expired = get(store, NOW.plusSeconds(301), url.url(), "GET");
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.bodyText()).contains("expired");
    }

    @Test
    void aUrlServesOnlyItsOwnBlobAndOnlyAsIssued() {
        FolderBlobStore store = store(NOW);
        String url = store.signedDownloadUrl(KEY, Duration.ofMinutes(5)).url();

        assertThat(get(store, NOW, url.replace("/a1/", "/a2/"), "GET").status()).isEqualTo(403);
        String later = url.replaceFirst("expires=(\\d+)", "expires=" + NOW.plusSeconds(86_400).getEpochSecond());
        assertThat(get(store, NOW.plusSeconds(600), later, "GET").status()).isEqualTo(403);
        assertThat(get(store, NOW, url.substring(0, url.indexOf("&signature")), "GET").bodyText()).contains("incomplete");
        assertThat(get(store, NOW, url + "&extra=1", "GET").status()).isEqualTo(400);
        assertThat(get(store, NOW, url, "PUT").status()).isEqualTo(405);
        String traversal = url.replace("/downloads/ocr/", "/downloads/ocr/../");
        assertThat(get(store, NOW, traversal, "GET").status()).isEqualTo(403);
    }

    @Test
    void anUploadGrantsSignatureIsNoDownloadSignature() {
        FolderBlobStore store = store(NOW);
        String upload = store.signedUploadUrl(KEY, "application/pdf", 100, Duration.ofMinutes(5)).url();
        String expires = upload.replaceFirst(".*expires=(\\d+).*", "$1");
        String signature = upload.replaceFirst(".*signature=([0-9a-f]+).*", "$1");
        String forged = "http://127.0.0.1:8080/downloads/" + KEY + "?expires=" + expires + "&signature=" + signature;
        assertThat(get(store, NOW, forged, "GET").status()).isEqualTo(403);
    }
}
