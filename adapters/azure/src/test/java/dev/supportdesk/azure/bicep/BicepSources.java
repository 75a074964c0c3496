package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Bicep sources under {@code bicep/} as text. There is no Bicep compiler on these machines
 * (the CLI is a download from GitHub), so the tests look at the source structurally: resource
 * blocks by brace matching, settings and variables by regular expressions.
 */
final class BicepSources {

    static final String BICEP_DIR = "bicep";
    static final String MAIN = BICEP_DIR + "/main.bicep";
    static final String FUNCTION_APP = BICEP_DIR + "/modules/functionApp.bicep";
    static final String EVENT_GRID = BICEP_DIR + "/modules/eventGrid.bicep";
    static final String DATA_STORAGE = BICEP_DIR + "/modules/dataStorage.bicep";
    static final String ROLES = BICEP_DIR + "/modules/roles.bicep";

    private static final Pattern RESOURCE = Pattern.compile(
            "(?m)^resource\\s+(\\w+)\\s+'([^'@]+)@[^']+'\\s*(existing\\s*)?=\\s*(?:if\\s*\\([^\\n]*?\\)\\s*)?\\{");

    private BicepSources() {
    }

    /** The repository root: the nearest directory upwards from the working directory that has {@code bicep/main.bicep}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MAIN)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("no " + MAIN + " above " + Path.of("").toAbsolutePath());
    }

    static String read(String relative) {
        try {
            return Files.readString(repositoryRoot().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .bicep} file under {@code bicep/}, relative to the repository root. */
    static List<String> allFiles() {
        Path root = repositoryRoot();
        try (Stream<Path> files = Files.walk(root.resolve(BICEP_DIR))) {
            return files.filter(p -> p.toString().endsWith(".bicep"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Source without {@code //} line comments (a {@code //} inside a string literal is kept). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (String line : source.split("\n", -1)) {
            boolean inString = false;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString && c == '\\') {
                    i++;
                } else if (c == '\'') {
                    inString = !inString;
                } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    cut = i;
                    break;
                }
            }
            out.append(line, 0, cut).append('\n');
        }
        return out.toString();
    }

    /** The text from {@code open} (a '{' or '[' at that index) to its matching closing bracket, inclusive. */
    static String balanced(String source, int open) {
        char o = source.charAt(open);
        char c = o == '{' ? '}' : ']';
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char ch = source.charAt(i);
            if (ch == o) {
                depth++;
            } else if (ch == c) {
                depth--;
                if (depth == 0) {
                    return source.substring(open, i + 1);
                }
            }
        }
        throw new AssertionError("unbalanced '" + o + "' at offset " + open);
    }

    /** The array or object that follows {@code key:} (first occurrence), e.g. {@code appSettings: [ ... ]}. */
    static String valueOf(String source, String key) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + ":\\s*([\\[{])").matcher(source);
        assertThat(m.find()).as("'%s:' followed by an array or object", key).isTrue();
        return balanced(source, m.start(1));
    }

    /** A declared resource: its symbolic name, type (without API version) and body. */
    record Resource(String file, String symbol, String type, boolean existing, String body) {
    }

    static List<Resource> resources(String file) {
        String source = withoutComments(read(file));
        List<Resource> result = new ArrayList<>();
        Matcher m = RESOURCE.matcher(source);
        while (m.find()) {
            result.add(new Resource(file, m.group(1), m.group(2), m.group(3) != null, balanced(source, m.end() - 1)));
        }
        return result;
    }

    /** {@code var name = 'literal'} declarations of a file. */
    static Map<String, String> stringVariables(String source) {
        Map<String, String> result = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*'([^']*)'\\s*$").matcher(withoutComments(source));
        while (m.find()) {
            result.put(m.group(1), m.group(2));
        }
        return result;
    }

    /** The string members of an object variable, {@code var name = { key: 'value' ... }}. */
    static Map<String, String> objectVariable(String source, String name) {
        String clean = withoutComments(source);
        Matcher start = Pattern.compile("(?m)^var\\s+" + Pattern.quote(name) + "\\s*=\\s*\\{").matcher(clean);
        Map<String, String> result = new LinkedHashMap<>();
        if (!start.find()) {
            return result;
        }
        Matcher entry = Pattern.compile("(\\w+):\\s*'([^']*)'").matcher(balanced(clean, start.end() - 1));
        while (entry.find()) {
            result.put(entry.group(1), entry.group(2));
        }
        return result;
    }
}
