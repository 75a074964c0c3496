package dev.supportdesk.predict;

import dev.supportdesk.domain.NotFound;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.ports.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model packages in the blob store, {@code models/{name}/{version}/} with {@code model.onnx} and
 * {@code metadata.json}, and a {@code models/{name}/current} pointer naming the version to serve.
 * Each version is loaded once per instance and kept; the pointer is re-read after a short time, so
 * a new version goes live without a redeploy. A package that fails to load is remembered as failed
 * for a while, so a broken upload costs one load attempt per interval, not one per request.
 */
public final class ModelRegistry {

    static final String PREFIX = "models/";
    private static final Pattern METADATA_KEY = Pattern.compile(
            "models/(" + ModelNames.REGEX + ")/(" + ModelNames.REGEX + ")/metadata\\.json");

    private final BlobStore blobs;
    private final Clock clock;
    private final Duration recheckAfter;
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();
    private final Map<String, Object> loaded = new ConcurrentHashMap<>();

    private record Pointer(String version, Instant readAt) {
    }

    private record Failure(String reason, Instant at) {
    }

    public ModelRegistry(BlobStore blobs, Clock clock, Duration recheckAfter) {
        this.blobs = blobs;
        this.clock = clock;
        this.recheckAfter = recheckAfter;
    }

    /** Every model with its versions, from the packages present in the store. */
    public Map<String, List<String>> catalog() {
        Map<String, TreeSet<String>> versions = new TreeMap<>();
        for (String key : blobs.list(PREFIX)) {
            Matcher matcher = METADATA_KEY.matcher(key);
            if (matcher.matches()) {
                versions.computeIfAbsent(matcher.group(1), name -> new TreeSet<>()).add(matcher.group(2));
            }
        }
        Map<String, List<String>> catalog = new TreeMap<>();
        versions.forEach((name, set) -> catalog.put(name, List.copyOf(set)));
        return catalog;
    }

    /** The version the {@code current} pointer names, re-read at most every {@code recheckAfter}. */
    public Optional<String> currentVersion(String name) {
        checkName(name, "model");
        Instant now = clock.instant();
        Pointer pointer = pointers.get(name);
        if (pointer == null || pointer.readAt().plus(recheckAfter).isBefore(now)) {
            Optional<String> version = read(PREFIX + name + "/current").map(text -> text.strip());
            if (version.isEmpty()) {
                pointers.remove(name);
                return Optional.empty();
            }
            pointer = new Pointer(version.get(), now);
            pointers.put(name, pointer);
        }
        return Optional.of(pointer.version());
    }

    public LoadedModel current(String name) {
        String version = currentVersion(name)
                .orElseThrow(() -> new NotFound("model '" + name + "' does not exist"));
        return version(name, version);
    }

    public LoadedModel version(String name, String version) {
        checkName(name, "model");
        checkName(version, "version");
        String key = name + "/" + version;
        Object entry = loaded.get(key);
        if (entry instanceof Failure failure && failure.at().plus(recheckAfter).isBefore(clock.instant())) {
            loaded.remove(key, failure);
            entry = null;
        }
        if (entry == null) {
            entry = loaded.computeIfAbsent(key, k -> load(name, version));
        }
        if (entry instanceof Failure failure) {
            throw new Unavailable("model '" + name + "' version '" + version
                    + "' cannot be served: " + failure.reason());
        }
        return (LoadedModel) entry;
    }

    private Object load(String name, String version) {
        String folder = PREFIX + name + "/" + version + "/";
        Optional<byte[]> metadata = read(folder + "metadata.json").map(text -> text.getBytes(StandardCharsets.UTF_8));
        if (metadata.isEmpty()) {
            throw new NotFound("model '" + name + "' has no version '" + version + "'");
        }
        try {
            ModelMetadata parsed = ModelMetadata.parse(metadata.get());
            if (!parsed.name().equals(name) || !parsed.version().equals(version)) {
                throw new InvalidModelPackageException("metadata.json describes " + parsed.name() + " " + parsed.version()
                        + " but is stored as " + name + " " + version);
            }
            byte[] onnx = bytes(folder + "model.onnx")
                    .orElseThrow(() -> new InvalidModelPackageException("the package has no model.onnx"));
            return LoadedModel.load(parsed, onnx);
        } catch (InvalidModelPackageException e) {
            return new Failure(e.getMessage(), clock.instant());
        }
    }

    private Optional<String> read(String key) {
        return bytes(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> bytes(String key) {
        Optional<InputStream> stream = blobs.get(key);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stream.get()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private static void checkName(String value, String what) {
        if (!ModelNames.isValid(value)) {
            String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
            throw new NotFound(what + " '" + shown.replaceAll("\\p{Cntrl}", "?") + "' does not exist: names are "
                    + ModelNames.REGEX);
        }
    }
}
