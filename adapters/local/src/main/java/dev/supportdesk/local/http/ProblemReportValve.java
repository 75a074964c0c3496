package dev.supportdesk.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report, as problem+json instead of an HTML page. Tomcat answers some requests
 * before any servlet sees them (an undecodable or {@code %00} path, a header section over its
 * limit, a malformed request line) and reports those through the host's error report valve; so
 * does an exception that escapes the servlet. This valve replaces Tomcat's and writes the same
 * RFC 9457 document the API writes everywhere else, without echoing the request.
 */
public final class ProblemReportValve extends ErrorReportValve {

    /** Puts this valve on {@code host} in place of every other error report valve, once the host has started. */
    public static void install(Container host) {
        host.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                replaceOn((Host) host);
            }
        });
        if (host instanceof Host started && started.getState().isAvailable()) {
            replaceOn(started);
        }
    }

    private static synchronized void replaceOn(Host host) {
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            host.getPipeline().addValve(new ProblemReportValve());
        }
        if (host instanceof org.apache.catalina.core.StandardHost standard) {
            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        ProblemType type = typeOf(status);
        ObjectNode problem = Json.object()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", status)
                .put("detail", detailOf(status, throwable));
        byte[] body = Json.bytes(problem);
        try {
            response.setContentType(Problems.MEDIA_TYPE);
            response.setContentLength(body.length);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.US_ASCII));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static ProblemType typeOf(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status && type != ProblemType.INVALID_JSON && type != ProblemType.INVALID_CURSOR
                    && type != ProblemType.INVALID_TRANSITION) {
                return type;
            }
        }
        return status >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_REQUEST;
    }

    private static String detailOf(int status, Throwable throwable) {
        if (status >= 500) {
            return "the server failed to handle this request";
        }
        return switch (status) {
            case 400 -> "the request is malformed: its request line, path or headers cannot be read"
                    + " (a path must not contain encoded control characters; headers are limited in size)";
            case 404 -> "no route matches this request";
            case 405 -> "this method is not allowed here";
            case 408 -> "the request was not received in time";
            case 413 -> "the request is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request's header fields are too large";
            default -> "the request cannot be served (HTTP " + status + ")";
        };
    }
}
