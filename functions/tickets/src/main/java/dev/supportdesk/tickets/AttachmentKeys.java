package dev.supportdesk.tickets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The blob key of an attachment, {@code uploads/{tenant}/{ticketId}/{attachmentId}}, both ways. */
public final class AttachmentKeys {

    public static final String PREFIX = "uploads/";

    private static final Pattern KEY = Pattern.compile(
            "uploads/([A-Za-z0-9_-]{1,64})/([0-9a-f-]{36})/([0-9a-f-]{36})");

    private AttachmentKeys() {
    }

    public static String key(String tenant, String ticketId, String attachmentId) {
        return PREFIX + tenant + "/" + ticketId + "/" + attachmentId;
    }

    /** The attachment a key belongs to, or empty for keys outside the uploads layout. */
    public static Optional<AttachmentRef> parse(String key) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AttachmentRef(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    public record AttachmentRef(String tenant, String ticketId, String attachmentId) {
    }
}
