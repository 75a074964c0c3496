package dev.supportdesk.telemetry;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code version-traceid-parentid-flags}). An incoming one is
 * honoured when it is valid (W3C Trace Context, section 3.2: lower-case hex, trace and parent ids not all
 * zero, version {@code ff} forbidden, a higher version may append fields); otherwise a new trace starts.
 */
public record TraceParent(String version, String traceId, String parentId, String flags) {

    public static final String HEADER = "traceparent";

    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.trim();
        // version(2)-traceid(32)-parentid(16)-flags(2), lower-case hex, and for a version above 00 maybe "-more"
        if (text.length() < 55 || !hex(text, 0, 2) || text.charAt(2) != '-' || !hex(text, 3, 35) || text.charAt(35) != '-'
                || !hex(text, 36, 52) || text.charAt(52) != '-' || !hex(text, 53, 55)) {
            return Optional.empty();
        }
        String version = text.substring(0, 2);
        boolean more = text.length() > 55;
        if ("ff".equals(version) || (more && ("00".equals(version) || text.charAt(55) != '-'))) {
            return Optional.empty();
        }
        String traceId = text.substring(3, 35);
        String parentId = text.substring(36, 52);
        if (ZERO_TRACE.equals(traceId) || ZERO_PARENT.equals(parentId)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(version, traceId, parentId, text.substring(53, 55)));
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
        long high = random.nextLong();
        long low = bytes == 16 ? random.nextLong() : 0;
        if (high == 0 && low == 0) {
            high = 1; // all zeros is invalid
        }
        return bytes == 16 ? hex.toHexDigits(high) + hex.toHexDigits(low) : hex.toHexDigits(high);
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
