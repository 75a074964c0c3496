package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@link BlobEventContract} for runtimes whose trigger can see events from containers (buckets) other
 * than the uploads one: S3 notifications and Event Grid. The local runtime has one upload folder, so
 * its events cannot come from elsewhere and it runs the base contract only.
 */
public abstract class ContainerBlobEventContract extends BlobEventContract {

    @Test
    void aBlobInAnotherContainerIsIgnored() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        String etag = store(declared.key(), NOT_REALLY_A_PDF);

        deliver(declared.key(), NOT_REALLY_A_PDF.length, etag, true);
        JsonNode attachment = read(declared);
        assertThat(attachment.path("uploadedAt").isNull()).as("%s", attachment).isTrue();
    }
}
