package dev.supportdesk.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the folder of tesseract's trained data: configured, else TESSDATA_PREFIX, else the usual places. */
public final class Tessdata {

    private static final List<String> USUAL = List.of("/usr/share/tesseract-ocr", "/usr/share/tessdata",
            "/usr/local/share/tessdata", "/opt/tessdata");

    private Tessdata() {
    }

    public static Path locate(String configured, String languages) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            return Path.of(prefix);
        }
        String first = languages.split("\\+")[0] + ".traineddata";
        for (String place : USUAL) {
            Path root = Path.of(place);
            if (Files.isRegularFile(root.resolve(first))) {
                return root;
            }
            try (Stream<Path> versions = Files.list(root)) {
                Path found = versions.map(version -> version.resolve("tessdata"))
                        .filter(tessdata -> Files.isRegularFile(tessdata.resolve(first)))
                        .sorted().reduce((a, b) -> b).orElse(null);
                if (found != null) {
                    return found;
                }
            } catch (IOException notThere) {
                // try the next place
            }
        }
        throw new IllegalStateException("no tesseract trained data for '" + languages + "' found; install "
                + "tesseract-ocr-eng (Debian) or set supportdesk.ocr.tessdata / TESSDATA_PREFIX");
    }
}
