package dev.supportdesk.tickets;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leading bytes ("magic numbers") each attachment content type starts with: the formats the OCR
 * reader recognises. Uploads are checked against what the attachment declared before anything reads
 * them, and the OCR reader tells the format by them (never by file name or declared type).
 */
public final class FileSignatures {

    /** How many leading bytes of a file {@link #matches} needs at most. */
    static final int HEAD_BYTES = 8;

    private static final Map<String, List<int[]>> BY_TYPE = Map.of(
            "image/png", List.of(new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
            "image/jpeg", List.of(new int[] {0xFF, 0xD8, 0xFF}),
            "image/tiff", List.of(new int[] {'I', 'I', 42, 0}, new int[] {'M', 'M', 0, 42}),
            "application/pdf", List.of(new int[] {'%', 'P', 'D', 'F', '-'}));

    private FileSignatures() {
    }

    /** Whether {@code head}, the first bytes of a file, start the way files of {@code contentType} do. */
    public static boolean matches(String contentType, byte[] head) {
        return BY_TYPE.getOrDefault(contentType, List.of()).stream().anyMatch(magic -> startsWith(head, magic));
    }

    /** The content type whose signature {@code head} starts with, if any (no two signatures overlap). */
    public static Optional<String> contentTypeOf(byte[] head) {
        return BY_TYPE.keySet().stream().filter(type -> matches(type, head)).findFirst();
    }

    private static boolean startsWith(byte[] data, int[] magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
