package dev.supportdesk.aws.telemetry;

import dev.supportdesk.telemetry.TraceParent;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X-Ray trace Lambda started for this invocation ({@code Tracing: Active}), as a W3C trace: X-Ray's
 * root {@code 1-5759e988-bd862e3fe1be46a994272793} is trace id {@code 5759e988bd862e3fe1be46a994272793}.
 * Lambda passes the header in the {@code com.amazonaws.xray.traceHeader} system property (and the
 * {@code _X_AMZN_TRACE_ID} variable); where there is none, a request starts a new trace.
 */
public final class XRayTrace {

    private static final Pattern ROOT = Pattern.compile("Root=1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})");
    private static final Pattern SAMPLED = Pattern.compile("Sampled=1");

    private XRayTrace() {
    }

    /** This invocation's trace, or null when Lambda gave none. */
    public static TraceParent current() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader");
        if (header == null) {
            header = System.getenv("_X_AMZN_TRACE_ID");
        }
        return fromHeader(header);
    }

    static TraceParent fromHeader(String header) {
        if (header == null) {
            return null;
        }
        Matcher root = ROOT.matcher(header);
        if (!root.find()) {
            return null;
        }
        TraceParent trace = TraceParent.withTraceId((root.group(1) + root.group(2)).toLowerCase(Locale.ROOT));
        return SAMPLED.matcher(header).find()
                ? new TraceParent(trace.version(), trace.traceId(), trace.parentId(), "01") : trace;
    }
}
