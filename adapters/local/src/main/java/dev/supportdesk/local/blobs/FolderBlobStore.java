package dev.supportdesk.local.blobs;

import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.UploadUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A blob store on a local folder: each blob is a file named by its key, with a small properties
 * file beside it (content type, SHA-256 used as ETag). Writes go to a temporary file first and are
 * moved into place atomically, so readers never see half a blob.
 */
public final class FolderBlobStore implements BlobStore {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String META_SUFFIX = ".meta";

    private final Path root;
    private final UploadSignature signature;
    private final Supplier<String> baseUrl;
    private final Clock clock;

    public FolderBlobStore(Path root, byte[] signingKey, Supplier<String> baseUrl, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.signature = new UploadSignature(signingKey);
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** True if {@code key} is a key this store can hold: '/'-separated segments of safe characters. */
    public static boolean isValidKey(String key) {
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || segment.endsWith(META_SUFFIX)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
        try {
            store(key, content, size, contentType, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + key, e);
        }
    }

    /**
     * Stores a blob only if none exists under {@code key} yet.
     *
     * @return the stored blob's metadata, or empty if the key was already taken
     */
    public Optional<BlobMetadata> putIfAbsent(String key, InputStream content, long size, String contentType)
            throws IOException {
        return store(key, content, size, contentType, false);
    }

    private Optional<BlobMetadata> store(String key, InputStream content, long size, String contentType,
                                         boolean overwrite) throws IOException {
        Path file = file(key);
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".upload-", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                written = content.transferTo(out);
            }
            if (written != size) {
                throw new IOException("expected " + size + " bytes for " + key + " but received " + written);
            }
            String etag = HexFormat.of().formatHex(sha256.digest());
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            writeMetadata(key, contentType, etag, now);
            if (overwrite) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException taken) {
                    return Optional.empty();
                }
            }
            return Optional.of(new BlobMetadata(key, written, contentType, etag, now));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        if (!isValidKey(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + key, e);
        }
    }

    @Override
    public Optional<BlobMetadata> metadata(String key) {
        if (!isValidKey(key)) {
            return Optional.empty();
        }
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(metadataFile(key))) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(new BlobMetadata(key, Files.size(file), properties.getProperty("contentType"),
                    properties.getProperty("etag"), Instant.parse(properties.getProperty("lastModified"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of blob " + key, e);
        }
    }

    @Override
    public java.util.List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(key -> key.startsWith(prefix) && isValidKey(key))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list blobs under " + prefix, e);
        }
    }

    @Override
    public UploadUrl signedUploadUrl(String key, String contentType, long maxSize, Duration validFor) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("not a valid blob key: " + key);
        }
        Instant expires = clock.instant().plus(validFor).truncatedTo(ChronoUnit.SECONDS);
        UploadSignature.Grant grant = new UploadSignature.Grant(key, contentType, maxSize, expires.getEpochSecond());
        String url = baseUrl.get() + "/blobs/" + key
                + "?contentType=" + URLEncoder.encode(contentType, StandardCharsets.UTF_8)
                + "&maxSize=" + maxSize
                + "&expires=" + grant.expiresEpochSecond()
                + "&signature=" + signature.sign(grant);
        return new UploadUrl("PUT", url, Map.of("Content-Type", contentType), expires);
    }

    UploadSignature signature() {
        return signature;
    }

    private void writeMetadata(String key, String contentType, String etag, Instant lastModified) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("contentType", contentType);
        properties.setProperty("etag", etag);
        properties.setProperty("lastModified", lastModified.toString());
        Path target = metadataFile(key);
        Path temporary = Files.createTempFile(target.getParent(), ".meta-", ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, null);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path file(String key) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("not a valid blob key: " + key);
        }
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the blob folder: " + key);
        }
        return file;
    }

    private Path metadataFile(String key) {
        Path file = file(key);
        return file.resolveSibling(file.getFileName() + META_SUFFIX);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
