package dev.supportdesk.aws.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Dockerfile that decide what a Lambda container image runs: build arguments and
 * their defaults, and of the final stage its environment, working directory, entry point, command,
 * copies and {@code RUN} lines. Enough of the syntax for the project's own Dockerfiles: comments,
 * line continuations, exec (JSON) and shell forms, {@code KEY=value} and {@code KEY value} ENV.
 *
 * @param path the file
 * @param args every {@code ARG} with its default (empty when it has none), global and per stage
 * @param baseImages the {@code FROM} images in order (the last is the final stage's)
 * @param env the final stage's {@code ENV}, in order
 * @param workdir the final stage's last {@code WORKDIR}, or null
 * @param entrypoint the final stage's {@code ENTRYPOINT} in exec form
 * @param cmd the final stage's {@code CMD} in exec form
 * @param copies the final stage's {@code COPY} instructions, as written after {@code COPY}
 * @param runs the final stage's {@code RUN} instructions, continuations joined
 */
public record Dockerfile(Path path, Map<String, String> args, List<String> baseImages, Map<String, String> env,
        String workdir, List<String> entrypoint, List<String> cmd, List<String> copies, List<String> runs) {

    private static final Pattern INSTRUCTION = Pattern.compile("(?s)^([A-Za-z]+)\\s+(.*)$");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    public static Dockerfile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<String> froms = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = null;
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        List<String> copies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (String instruction : instructions(lines)) {
            Matcher m = INSTRUCTION.matcher(instruction);
            if (!m.matches()) {
                continue;
            }
            String keyword = m.group(1).toUpperCase(java.util.Locale.ROOT);
            String rest = m.group(2).trim();
            switch (keyword) {
                case "FROM" -> {
                    froms.add(rest.split("\\s+")[0]);
                    env.clear();
                    workdir = null;
                    entrypoint = List.of();
                    cmd = List.of();
                    copies.clear();
                    runs.clear();
                }
                case "ARG" -> {
                    int eq = rest.indexOf('=');
                    String name = eq < 0 ? rest : rest.substring(0, eq);
                    String value = eq < 0 ? "" : unquote(rest.substring(eq + 1));
                    if (eq >= 0 || !args.containsKey(name)) {
                        args.put(name, value);
                    }
                }
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(rest);
                    boolean any = false;
                    while (pair.find()) {
                        env.put(pair.group(1), unquote(pair.group(2)));
                        any = true;
                    }
                    if (!any) {
                        String[] parts = rest.split("\\s+", 2);
                        env.put(parts[0], parts.length > 1 ? unquote(parts[1]) : "");
                    }
                }
                case "WORKDIR" -> workdir = rest;
                case "ENTRYPOINT" -> entrypoint = execForm(rest);
                case "CMD" -> cmd = execForm(rest);
                case "COPY" -> copies.add(rest);
                case "RUN" -> runs.add(rest);
                default -> {
                }
            }
        }
        return new Dockerfile(path, args, froms, env, workdir, entrypoint, cmd, copies, runs);
    }

    /** An argument's value: its override if given, else its default; an unknown name fails. */
    public String arg(String name, Map<String, ?> overrides) {
        Object override = overrides.get(name);
        if (override != null) {
            return override.toString();
        }
        if (!args.containsKey(name)) {
            throw new IllegalStateException(path + " declares no ARG " + name);
        }
        return args.get(name);
    }

    /** The packages the final stage's {@code apt-get install} lines name (options left out). */
    public List<String> aptPackages() {
        List<String> packages = new ArrayList<>();
        for (String run : runs) {
            Matcher m = Pattern.compile("apt-get\\s+install\\s+([^&|;]*)").matcher(run);
            while (m.find()) {
                for (String word : m.group(1).trim().split("\\s+")) {
                    if (!word.isEmpty() && !word.startsWith("-")) {
                        packages.add(word);
                    }
                }
            }
        }
        return packages;
    }

    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().trim());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static List<String> execForm(String value) {
        if (value.startsWith("[")) {
            try {
                return new ObjectMapper().readValue(value, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new IllegalStateException("not a JSON array: " + value, e);
            }
        }
        return List.of("/bin/sh", "-c", value);
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
