package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The data folder (H2 database, blobs, keys) is readable by its owner only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/permissions-${random.uuid}")
class LocalDataPermissionsTest {

    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Autowired
    DataDirectory data;

    @Test
    void theDataFolderAndEveryFileInItAreOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(data.root())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        List<Path> files;
        try (Stream<Path> tree = Files.walk(data.root())) {
            files = tree.filter(p -> !Files.isSymbolicLink(p)).toList();
        }
        assertThat(files).anyMatch(p -> p.getFileName().toString().endsWith(".mv.db"));
        for (Path path : files) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            assertThat(permissions).as(path.toString()).doesNotContainAnyElementsOf(OTHERS);
        }
    }

    @Test
    void openingTightensAnExistingWorldReadableFolder(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path root = temp.resolve("data");
        Files.createDirectories(root.resolve("db"));
        Files.writeString(root.resolve("db/supportdesk.mv.db"), "x");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("db"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("db/supportdesk.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        DataDirectory opened = DataDirectory.open(root);
        assertThat(Files.getPosixFilePermissions(opened.root())).doesNotContainAnyElementsOf(OTHERS);
        assertThat(Files.getPosixFilePermissions(root.resolve("db"))).doesNotContainAnyElementsOf(OTHERS);
        assertThat(Files.getPosixFilePermissions(root.resolve("db/supportdesk.mv.db"))).doesNotContainAnyElementsOf(OTHERS);
        Path blobs = opened.path("blobs");
        assertThat(Files.getPosixFilePermissions(blobs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
