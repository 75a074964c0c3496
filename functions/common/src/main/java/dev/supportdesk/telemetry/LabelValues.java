package dev.supportdesk.telemetry;

import java.util.Arrays;
import java.util.List;

/**
 * The label values of one series, as a map key. A lookup wraps the caller's array as it is (no copy, no list);
 * only a new series keeps a copy of its own ({@link #stored()}), so a later change to the caller's array cannot
 * move a stored key. Public for the runtimes' own per-series caches (the EMF adapter's).
 */
public final class LabelValues {

    private final String[] values;
    private final int hash;

    private LabelValues(String[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    /** A key for looking a series up; not to be stored. */
    public static LabelValues lookup(String[] values) {
        return new LabelValues(values);
    }

    /** A key safe to store: its own copy of the values. */
    public LabelValues stored() {
        return new LabelValues(values.clone());
    }

    public List<String> asList() {
        return List.of(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelValues that && hash == that.hash && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
