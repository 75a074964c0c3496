package dev.supportdesk.local;

import dev.supportdesk.local.blobs.FolderBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the model packages of a folder into the local blob store under {@code models/}, the way
 * the upload commands do for S3 and Azure Blob. Existing blobs are left alone, so a package a user
 * uploaded later is never overwritten by the shipped default.
 */
public final class ModelSeeder {

    private static final Logger log = LoggerFactory.getLogger(ModelSeeder.class);

    private final FolderBlobStore blobs;
    private final Path folder;

    public ModelSeeder(FolderBlobStore blobs, Path folder) {
        this.blobs = blobs;
        this.folder = folder.toAbsolutePath().normalize();
    }

    public void seed() {
        if (!Files.isDirectory(folder)) {
            log.info("no model folder at {}; the blob store keeps whatever models it has", folder);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model folder " + folder, e);
        }
        for (Path file : files) {
            String key = "models/" + folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            if (!FolderBlobStore.isValidKey(key) || blobs.metadata(key).isPresent()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                blobs.put(key, in, Files.size(file), "application/octet-stream");
                log.info("seeded {}", key);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + file + " into the blob store", e);
            }
        }
    }
}
