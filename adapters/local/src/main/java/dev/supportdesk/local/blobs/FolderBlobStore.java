package dev.supportdesk.local.blobs;

import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.DownloadUrl;
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
import java.nio.file.attribute.BasicFileAttributes;
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
 * file beside it (content type, SHA-256 used as ETag, and the identity of the file it describes).
 * Writes go to temporary files first and are published atomically, bytes first and metadata last,
 * so readers never see half a blob nor bytes paired with the metadata of other bytes.
 */
public final class FolderBlobStore implements BlobStore {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String META_SUFFIX = ".meta";

    private final Path root;
    private final UploadSignature signature;
    private final DownloadSignature downloadSignature;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private volatile Runnable afterBytesPublished = () -> { };

    public FolderBlobStore(Path root, byte[] signingKey, Supplier<String> baseUrl, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.signature = new UploadSignature(signingKey);
        this.downloadSignature = new DownloadSignature(signingKey);
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /**
     * True if {@code key} is a key this store can hold: '/'-separated segments of safe characters,
     * none starting with '.' (so never '.' or '..', nor one of the store's own temporary files).
     */
    public static boolean isValidKey(String key) {
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.startsWith(".") || segment.endsWith(META_SUFFIX)) {
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

    /**
     * Stores a blob only if none exists under {@code key} yet, reading at most {@code maxBytes} from
     * {@code content} (a stream of unknown length, e.g. an HTTP body).
     *
     * @return the stored blob's metadata, or empty if the key was already taken
     * @throws TooLarge as soon as the content exceeds {@code maxBytes}; nothing is stored then
     */
    public Optional<BlobMetadata> putIfAbsentCapped(String key, InputStream content, long maxBytes, String contentType)
            throws IOException {
        return store(key, content, -1, maxBytes, contentType, false);
    }

    /** The content is longer than the caller allowed. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Test seam: runs after a blob's bytes are published and before its metadata is. */
    void afterBytesPublished(Runnable hook) {
        this.afterBytesPublished = hook;
    }

    private Optional<BlobMetadata> store(String key, InputStream content, long size, String contentType,
                                         boolean overwrite) throws IOException {
        return store(key, content, size, size, contentType, overwrite);
    }

    /**
     * Writes the bytes and their metadata to temporary files, then publishes the bytes (an atomic
     * link or rename) and the metadata last. The metadata names the file it describes (its file
     * system identity), so a reader can tell it apart from metadata of other bytes; until it is
     * published it waits beside the blob as a pending file named after that identity, from which
     * {@link #metadata} completes a publication a crash interrupted. A replay that finds the key
     * taken publishes nothing.
     */
    private Optional<BlobMetadata> store(String key, InputStream content, long size, long maxBytes, String contentType,
                                         boolean overwrite) throws IOException {
        Path file = file(key);
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".upload-", ".tmp");
        Path pending = null;
        boolean published = false;
        try {
            MessageDigest sha256 = sha256();
            long written = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - written + 1))) > 0; ) {
                    written += n;
                    if (written > maxBytes) {
                        throw new TooLarge("the content of " + key + " exceeds " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (size >= 0 && written != size) {
                throw new IOException("expected " + size + " bytes for " + key + " but received " + written);
            }
            String etag = HexFormat.of().formatHex(sha256.digest());
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String identity = identity(temporary);
            pending = pendingFile(file, identity);
            writeProperties(pending, contentType, etag, now, written, identity);
            if (overwrite) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException taken) {
                    return Optional.empty();
                }
            }
            published = true;
            afterBytesPublished.run();
            Files.move(pending, metadataFile(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new BlobMetadata(key, written, contentType, etag, now));
        } finally {
            Files.deleteIfExists(temporary);
            if (pending != null && !published) {
                Files.deleteIfExists(pending);
            }
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
        try {
            String identity = identity(file);
            Optional<Properties> published = load(metadataFile(key));
            if (published.isPresent() && (identity.equals(published.get().getProperty("file"))
                    || published.get().getProperty("file") == null)) {
                // (metadata written before it named its file is taken as it is)
                return Optional.of(metadata(key, file, published.get()));
            }
            // the published metadata (if any) describes other bytes: a crash came between the two steps
            Path pending = pendingFile(file, identity);
            Optional<Properties> waiting = load(pending);
            if (waiting.isPresent() && identity.equals(waiting.get().getProperty("file"))) {
                Files.move(pending, metadataFile(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(metadata(key, file, waiting.get()));
            }
            MessageDigest sha256 = sha256();
            try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return Optional.of(new BlobMetadata(key, Files.size(file), "application/octet-stream",
                    HexFormat.of().formatHex(sha256.digest()),
                    Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MILLIS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of blob " + key, e);
        }
    }

    private static BlobMetadata metadata(String key, Path file, Properties properties) throws IOException {
        return new BlobMetadata(key, Files.size(file), properties.getProperty("contentType"),
                properties.getProperty("etag"), Instant.parse(properties.getProperty("lastModified")));
    }

    private static Optional<Properties> load(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(properties);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The file system's identity of the file (device and inode on POSIX), kept by renames and links. */
    private static String identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object fileKey = attributes.fileKey();
        return fileKey != null ? fileKey.toString()
                : attributes.size() + "@" + attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static Path pendingFile(Path file, String identity) {
        String tag = HexFormat.of().formatHex(sha256().digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
        return file.resolveSibling("." + file.getFileName() + "." + tag + ".pending" + META_SUFFIX);
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

    /** A URL of {@link DownloadEndpoint} that serves the blob under {@code key} until it expires. */
    @Override
    public DownloadUrl signedDownloadUrl(String key, Duration validFor) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("not a valid blob key: " + key);
        }
        Instant expires = clock.instant().plus(validFor).truncatedTo(ChronoUnit.SECONDS);
        String url = baseUrl.get() + DownloadEndpoint.PREFIX + key + "?expires=" + expires.getEpochSecond()
                + "&signature=" + downloadSignature.sign(key, expires.getEpochSecond());
        return new DownloadUrl(url, expires);
    }

    DownloadSignature downloadSignature() {
        return downloadSignature;
    }

    private static void writeProperties(Path target, String contentType, String etag, Instant lastModified, long size,
                                        String identity) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("contentType", contentType);
        properties.setProperty("etag", etag);
        properties.setProperty("lastModified", lastModified.toString());
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("file", identity);
        try (Writer writer = Files.newBufferedWriter(target)) {
            properties.store(writer, null);
        }
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
