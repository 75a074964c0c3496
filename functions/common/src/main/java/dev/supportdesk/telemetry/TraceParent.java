package dev.supportdesk.telemetry;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} ({@code version-traceid-parentid-flags}). An incoming one is
 * honoured when it is valid (W3C Trace Context, section 3.2: lower-case hex, trace and parent ids not all
 * zero, version {@code ff} forbidden, a higher version may append fields); otherwise a new trace starts.
 */
public record TraceParent(String version, String traceId, String parentId, String flags) {

    public static final String HEADER = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(1);
        if ("ff".equals(version) || ("00".equals(version) && m.group(5) != null)) {
            return Optional.empty();
        }
        if (ZERO_TRACE.equals(m.group(2)) || ZERO_PARENT.equals(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(version, m.group(2), m.group(3), m.group(4)));
    }

    /** A new trace, not sampled by us (the runtime's tracer decides its own sampling). */
    public static TraceParent generate() {
        return withTraceId(randomHex(16));
    }

    /** A new span in the given trace (e.g. the trace X-Ray started for this invocation). */
    public static TraceParent withTraceId(String traceId) {
        return new TraceParent("00", traceId, randomHex(8), "00");
    }

    /**
     * Random ids from {@link ThreadLocalRandom}: W3C asks for random, unique ids, not secret ones (OpenTelemetry's
     * id generator does the same), and a {@code SecureRandom} per request costs more than the request here.
     */
    private static String randomHex(int bytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        String id;
        do {
            id = bytes == 16 ? hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                    : hex.toHexDigits(random.nextLong());
        } while (id.chars().allMatch(c -> c == '0'));
        return id;
    }

    /** A random (version 4) UUID from {@link ThreadLocalRandom}: a request id, unique, not a secret. */
    public static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    public String header() {
        return version + "-" + traceId + "-" + parentId + "-" + flags;
    }
}
