package dev.supportdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one folder that holds all local state: database, blobs, keys. It is private to the user that
 * runs the app: the folder and its sub-folders are {@code rwx------}, its files {@code rw-------}
 * (on POSIX file systems). {@link #restrict()} tightens what others created in it with the
 * process's umask (H2 creates its database file that way).
 */
public record DataDirectory(Path root) {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    public static DataDirectory open(Path root) {
        try {
            Path absolute = root.toAbsolutePath().normalize();
            createPrivateDirectories(absolute);
            DataDirectory directory = new DataDirectory(absolute);
            directory.restrict();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
    }

    public Path path(String child) {
        Path path = root.resolve(child);
        try {
            createPrivateDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
        return path;
    }

    /** Makes every folder and file under the root owner-only; symbolic links are left alone. */
    public void restrict() {
        if (!posix()) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, DIRECTORY);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, FILE);
                }
            }
        } catch (java.nio.file.NoSuchFileException vanished) {
            // a temporary file went away while walking: it needs no permissions any more
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions under " + root, e);
        }
    }

    private static void createPrivateDirectories(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (posix()) {
                Files.setPosixFilePermissions(path, DIRECTORY);
            }
            return;
        }
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        if (posix()) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY));
            Files.setPosixFilePermissions(path, DIRECTORY);
        } else {
            Files.createDirectory(path);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
