package dev.supportdesk.predict;

import java.util.regex.Pattern;

/**
 * The one pattern for model names and versions: lower-case letters and digits first, then up to
 * 63 more of those, '.', '_' or '-'. '.' and '..' (and every other name starting with a dot) are
 * outside it, so a name is always a single, plain folder name in every blob store.
 */
public final class ModelNames {

    public static final String REGEX = "[a-z0-9][a-z0-9._-]{0,63}";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private ModelNames() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
