package dev.supportdesk.local.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.ports.BlobMetadata;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob and its metadata are published together or not at all: replays and crashes leave them consistent. */
class FolderBlobStoreAtomicityTest {

    private static final String KEY = "uploads/acme/t1/a1";
    private static final byte[] FIRST = "first upload".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = "the second, replayed".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private FolderBlobStore store() {
        return new FolderBlobStore(root, new byte[32], () -> "http://127.0.0.1", Clock.systemUTC());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] read(FolderBlobStore store, String key) throws Exception {
        try (InputStream in = store.get(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aReplayedPutIfAbsentKeepsTheBytesAndTheEtagOfTheFirst() throws Exception {
        FolderBlobStore store = store();
        Optional<BlobMetadata> first = store.putIfAbsent(KEY, new ByteArrayInputStream(FIRST), FIRST.length, "image/png");
        assertThat(first).isPresent();
        Optional<BlobMetadata> replay = store.putIfAbsent(KEY, new ByteArrayInputStream(SECOND), SECOND.length, "application/pdf");
        assertThat(replay).isEmpty();
        assertThat(read(store, KEY)).isEqualTo(FIRST);
        BlobMetadata metadata = store.metadata(KEY).orElseThrow();
        assertThat(metadata.etag()).isEqualTo(sha256(FIRST)).isEqualTo(first.get().etag());
        assertThat(metadata.size()).isEqualTo(FIRST.length);
        assertThat(metadata.contentType()).isEqualTo("image/png");
    }

    @Test
    void aCrashBetweenPublishingTheBytesAndTheMetadataLeavesAConsistentBlob() throws Exception {
        FolderBlobStore crashing = store();
        crashing.afterBytesPublished(() -> {
            throw new IllegalStateException("simulated crash");
        });
        assertThatThrownBy(() -> crashing.putIfAbsent(KEY, new ByteArrayInputStream(FIRST), FIRST.length, "image/png"))
                .hasMessageContaining("simulated crash");

        FolderBlobStore restarted = store();
        Optional<BlobMetadata> metadata = restarted.metadata(KEY);
        if (metadata.isPresent()) {
            assertThat(read(restarted, KEY)).isEqualTo(FIRST);
            assertThat(metadata.get().etag()).isEqualTo(sha256(FIRST));
            assertThat(metadata.get().size()).isEqualTo(FIRST.length);
            assertThat(metadata.get().contentType()).isEqualTo("image/png");
        } else {
            assertThat(restarted.get(KEY)).isEmpty();
        }
        // a replay after the crash cannot attach other bytes to the first upload's metadata, or the other way round
        restarted.putIfAbsent(KEY, new ByteArrayInputStream(SECOND), SECOND.length, "application/pdf");
        byte[] stored = read(restarted, KEY);
        assertThat(restarted.metadata(KEY).orElseThrow().etag()).isEqualTo(sha256(stored));
        assertThat(restarted.metadata(KEY).orElseThrow().size()).isEqualTo(stored.length);
    }

    @Test
    void aCrashWhileOverwritingNeverPairsNewBytesWithOldMetadata() throws Exception {
        FolderBlobStore store = store();
        store.put(KEY, new ByteArrayInputStream(FIRST), FIRST.length, "image/png");
        FolderBlobStore crashing = store();
        crashing.afterBytesPublished(() -> {
            throw new IllegalStateException("simulated crash");
        });
        assertThatThrownBy(() -> crashing.put(KEY, new ByteArrayInputStream(SECOND), SECOND.length, "application/pdf"))
                .hasMessageContaining("simulated crash");
        FolderBlobStore restarted = store();
        byte[] stored = read(restarted, KEY);
        BlobMetadata metadata = restarted.metadata(KEY).orElseThrow();
        assertThat(metadata.etag()).isEqualTo(sha256(stored));
        assertThat(metadata.size()).isEqualTo(stored.length);
        assertThat(metadata.contentType()).isEqualTo(stored.length == FIRST.length ? "image/png" : "application/pdf");
    }

    @Test
    void noTemporaryFileIsLeftOrListed() throws Exception {
        FolderBlobStore store = store();
        store.putIfAbsent(KEY, new ByteArrayInputStream(FIRST), FIRST.length, "image/png");
        store.putIfAbsent(KEY, new ByteArrayInputStream(SECOND), SECOND.length, "image/png");
        assertThat(store.list("uploads/")).containsExactly(KEY);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a1", "a1.meta");
        }
    }
}
