package dev.supportdesk.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** HTTP header fields: names compare case-insensitively, each name may carry several values. */
public final class Headers {

    private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    public Headers add(String name, String value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public Headers set(String name, String value) {
        List<String> list = new ArrayList<>(1);
        list.add(value);
        values.put(name, list);
        return this;
    }

    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value of {@code name}, or null: for the per-request paths that look a header up every time. */
    public String value(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    public void forEach(BiConsumer<String, List<String>> action) {
        values.forEach((name, list) -> action.accept(name, Collections.unmodifiableList(list)));
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
