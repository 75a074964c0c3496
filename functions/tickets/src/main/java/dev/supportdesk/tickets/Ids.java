package dev.supportdesk.tickets;

import dev.supportdesk.domain.NotFound;
import java.util.regex.Pattern;

/**
 * Ticket, response and attachment ids are UUIDs that this service generated. Anything else a
 * client sends in their place names nothing, so it is "not found" before any store sees it: the
 * cloud stores reject over-long, empty or '/'-bearing keys with errors of their own (DynamoDB's
 * ValidationException, Tables' InvalidInput), which must never surface as a 500. The echo of an
 * invalid id in the message is cut short, so a 100 KB id does not come back in the problem.
 */
final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static boolean isValid(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** Returns {@code id} if it is a UUID, else throws {@link NotFound} naming {@code what}. */
    static String require(String id, String what) {
        if (!isValid(id)) {
            throw new NotFound(what + " '" + shown(id) + "' does not exist: ids are UUIDs");
        }
        return id;
    }

    static String shown(String id) {
        if (id == null) {
            return "";
        }
        String printable = id.codePoints().limit(40)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return id.codePointCount(0, id.length()) > 40 ? printable + "..." : printable;
    }
}
