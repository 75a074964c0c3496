package dev.supportdesk.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code version-traceid-parentid-flags}). An incoming one is
 * honoured when it is valid (W3C Trace Context, section 3.2: lower-case hex, trace and parent ids not all
 * zero, version {@code ff} forbidden, a higher version may append fields); otherwise a new trace starts.
 *
 * <p>It is kept as its header text (what a response echoes), with the two ids the log context needs cut from it
 * once: every request makes or parses one, so it is three strings rather than a record's four and a concatenation.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    /** version(2)-traceid(32)-parentid(16)-flags(2) */
    private static final int LENGTH = 55;
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String header;
    private final String traceId;
    private final String parentId;

    public TraceParent(String version, String traceId, String parentId, String flags) {
        this(version + "-" + traceId + "-" + parentId + "-" + flags, traceId, parentId);
    }

    private TraceParent(String header, String traceId, String parentId) {
        this.header = header;
        this.traceId = traceId;
        this.parentId = parentId;
    }

    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.trim();
        // version(2)-traceid(32)-parentid(16)-flags(2), lower-case hex, and for a version above 00 maybe "-more"
        if (text.length() < LENGTH || !hex(text, 0, 2) || text.charAt(2) != '-' || !hex(text, 3, 35) || text.charAt(35) != '-'
                || !hex(text, 36, 52) || text.charAt(52) != '-' || !hex(text, 53, 55)) {
            return Optional.empty();
        }
        boolean version00 = text.charAt(0) == '0' && text.charAt(1) == '0';
        boolean more = text.length() > LENGTH;
        if ((text.charAt(0) == 'f' && text.charAt(1) == 'f') || (more && (version00 || text.charAt(LENGTH) != '-'))) {
            return Optional.empty();
        }
        String traceId = text.substring(3, 35);
        String parentId = text.substring(36, 52);
        if (ZERO_TRACE.equals(traceId) || ZERO_PARENT.equals(parentId)) {
            return Optional.empty();
        }
        // what is echoed is the four fields this version of the specification defines
        return Optional.of(new TraceParent(more ? text.substring(0, LENGTH) : text, traceId, parentId));
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A new trace, not sampled by us (the runtime's tracer decides its own sampling). */
    public static TraceParent generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1; // all zeros is invalid
        }
        byte[] text = new byte[LENGTH];
        text[0] = '0';
        text[1] = '0';
        text[2] = '-';
        hex(high, text, 3);
        hex(low, text, 19);
        text[35] = '-';
        hex(spanId(random), text, 36);
        text[52] = '-';
        text[53] = '0';
        text[54] = '0';
        return fromText(new String(text, StandardCharsets.ISO_8859_1));
    }

    /** A new span in the given trace (e.g. the trace X-Ray started for this invocation). */
    public static TraceParent withTraceId(String traceId) {
        byte[] span = new byte[16];
        hex(spanId(ThreadLocalRandom.current()), span, 0);
        return new TraceParent("00", traceId, new String(span, StandardCharsets.ISO_8859_1), "00");
    }

    private static TraceParent fromText(String header) {
        return new TraceParent(header, header.substring(3, 35), header.substring(36, 52));
    }

    /**
     * Random ids from {@link ThreadLocalRandom}: W3C asks for random, unique ids, not secret ones (OpenTelemetry's
     * id generator does the same), and a {@code SecureRandom} per request costs more than the request here.
     */
    private static long spanId(ThreadLocalRandom random) {
        long id = random.nextLong();
        return id == 0 ? 1 : id; // all zeros is invalid
    }

    /** A random (version 4) UUID from {@link ThreadLocalRandom}: a request id, unique, not a secret. */
    public static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        // 8-4-4-4-12 hex digits, formatted here: UUID.toString costs several times as much on this path
        byte[] text = new byte[36];
        hex(most >>> 32, 8, text, 0);
        text[8] = '-';
        hex(most >>> 16, 4, text, 9);
        text[13] = '-';
        hex(most, 4, text, 14);
        text[18] = '-';
        hex(least >>> 48, 4, text, 19);
        text[23] = '-';
        hex(least, 12, text, 24);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** The 16 lower-case hex digits of {@code value} into {@code into} from {@code at}. */
    private static void hex(long value, byte[] into, int at) {
        hex(value, 16, into, at);
    }

    /** The last {@code digits} lower-case hex digits of {@code value} into {@code into} from {@code at}. */
    private static void hex(long value, int digits, byte[] into, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    public String version() {
        return header.substring(0, 2);
    }

    public String traceId() {
        return traceId;
    }

    public String parentId() {
        return parentId;
    }

    public String flags() {
        return header.substring(53, LENGTH);
    }

    /** The {@code traceparent} header's value. */
    public String header() {
        return header;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TraceParent that && header.equals(that.header);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header;
    }
}
