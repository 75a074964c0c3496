package dev.supportdesk.telemetry;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
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
    private static final SecureRandom RANDOM = new SecureRandom();

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

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public String header() {
        return version + "-" + traceId + "-" + parentId + "-" + flags;
    }
}
