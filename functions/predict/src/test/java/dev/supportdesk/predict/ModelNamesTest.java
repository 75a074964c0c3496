package dev.supportdesk.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.domain.NotFound;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.UploadUrl;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Model names and versions have one strict pattern; anything else is "not found" before the blob store sees it. */
class ModelNamesTest {

    /** A blob store that only records the keys it was asked for and holds nothing. */
    private static final class RecordingBlobs implements BlobStore {
        final List<String> asked = new ArrayList<>();

        @Override
        public void put(String key, InputStream content, long size, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InputStream> get(String key) {
            asked.add(key);
            for (String segment : key.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("not a valid blob key: " + key);
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<BlobMetadata> metadata(String key) {
            return Optional.empty();
        }

        @Override
        public List<String> list(String prefix) {
            return List.of("models/ok/1.0.0/metadata.json", "models/../x/metadata.json", "models/UP/1/metadata.json",
                    "models/ok/./metadata.json");
        }

        @Override
        public UploadUrl signedUploadUrl(String key, String contentType, long maxSize, Duration validFor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.supportdesk.ports.DownloadUrl signedDownloadUrl(String key, Duration validFor) {
            throw new UnsupportedOperationException();
        }
    }

    private final RecordingBlobs blobs = new RecordingBlobs();
    private final ModelRegistry registry = new ModelRegistry(blobs, Clock.systemUTC(), Duration.ZERO);

    @Test
    void dotSegmentsAndOtherNamesOutsideThePatternAreNotFoundWithoutTouchingTheStore() {
        for (String bad : List.of(".", "..", "...", ".hidden", "-x", "_x", "Wine", "a/b", "a b", "", "x".repeat(65),
                "a\u0000", "é")) {
            assertThatThrownBy(() -> registry.current(bad)).as(bad).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> registry.version(bad, "1.0.0")).as(bad).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> registry.version("wine-quality", bad)).as(bad).isInstanceOf(NotFound.class);
        }
        assertThat(blobs.asked).isEmpty();
    }

    @Test
    void namesInsideThePatternReachTheStore() {
        assertThatThrownBy(() -> registry.version("wine-quality", "1.0.0")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> registry.current("a" + "b".repeat(63))).isInstanceOf(NotFound.class);
        assertThat(blobs.asked).containsExactly("models/wine-quality/1.0.0/metadata.json",
                "models/a" + "b".repeat(63) + "/current");
    }

    @Test
    void theCatalogListsOnlyValidNames() {
        assertThat(registry.catalog()).containsOnlyKeys("ok");
    }
}
