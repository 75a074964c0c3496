package dev.supportdesk.tickets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The representations of an attachment's text: plain text, or its words as hOCR (served as
 * {@code text/vnd.hocr+html}, or as {@code text/html} to a client that asks for HTML). Chosen by the
 * {@code format} query parameter, else by the {@code Accept} header (RFC 9110 proactive negotiation:
 * the highest quality value of the most specific matching range wins, plain text on a tie).
 *
 * @param format the {@code format} name: {@value #TEXT} or {@value #HOCR}
 * @param mediaType what the response's {@code Content-Type} says (without charset)
 */
public record TextRepresentation(String format, String mediaType) {

    public static final String TEXT = "text";
    public static final String HOCR = "hocr";
    public static final List<String> FORMATS = List.of(TEXT, HOCR);

    private static final List<TextRepresentation> OFFERED = List.of(
            new TextRepresentation(TEXT, "text/plain"),
            new TextRepresentation(HOCR, "text/vnd.hocr+html"),
            new TextRepresentation(HOCR, "text/html"));

    /** The representation a {@code format} name stands for, or empty for an unknown name. */
    public static Optional<TextRepresentation> named(String format) {
        return OFFERED.stream().filter(offered -> offered.format().equals(format)).findFirst();
    }

    /** The best representation for an {@code Accept} header (none: plain text), or empty if none is acceptable. */
    public static Optional<TextRepresentation> negotiate(Optional<String> accept) {
        if (accept.isEmpty() || accept.get().isBlank()) {
            return Optional.of(OFFERED.get(0));
        }
        List<String[]> ranges = accept.get().lines().flatMap(line -> List.of(line.split(",")).stream())
                .map(String::strip).filter(range -> !range.isEmpty()).map(TextRepresentation::range).toList();
        TextRepresentation best = null;
        double bestQuality = 0;
        for (TextRepresentation offered : OFFERED) {
            double quality = quality(offered.mediaType(), ranges);
            if (quality > bestQuality) {
                best = offered;
                bestQuality = quality;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {media range, q} of one element of an Accept header. */
    private static String[] range(String element) {
        String[] parts = element.split(";");
        String quality = "1";
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("q=")) {
                quality = parameter.substring(2).strip();
            }
        }
        return new String[] {parts[0].strip().toLowerCase(Locale.ROOT), quality};
    }

    /** The quality the most specific range matching {@code mediaType} gives it (0 when none matches). */
    private static double quality(String mediaType, List<String[]> ranges) {
        int bestSpecificity = -1;
        double quality = 0;
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        for (String[] range : ranges) {
            int specificity = range[0].equals(mediaType) ? 2 : range[0].equals(type + "/*") ? 1
                    : range[0].equals("*/*") ? 0 : -1;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = parseQuality(range[1]);
            }
        }
        return quality;
    }

    private static double parseQuality(String value) {
        try {
            double quality = Double.parseDouble(value);
            return quality >= 0 && quality <= 1 ? quality : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
