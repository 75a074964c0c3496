package dev.supportdesk.local.http;

import dev.supportdesk.http.ApiException;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.http.Correlation;
import dev.supportdesk.http.Headers;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.TraceParent;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.identity.TokenVerifier;
import dev.supportdesk.local.blobs.DownloadEndpoint;
import dev.supportdesk.local.blobs.UploadEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local HTTP adapter: translates servlet requests into the core's neutral requests, verifies
 * the bearer token, dispatches, and writes the neutral response back. It holds no API logic.
 */
public final class ApiServlet extends HttpServlet {

    private final transient Function<HttpRequest, HttpResponse> api;
    private final transient LocalRoutes localRoutes;
    private final transient UploadEndpoint uploads;
    private final transient DownloadEndpoint downloads;
    private final transient TokenVerifier verifier;
    private final int maxBodyBytes;
    private final transient TokenEndpointGuard tokenGuard;
    private final boolean correlate;

    /** {@code correlate} false: no request id, trace or log context ({@code supportdesk.local.telemetry=false}). */
    public ApiServlet(Function<HttpRequest, HttpResponse> api, LocalRoutes localRoutes, UploadEndpoint uploads,
                      DownloadEndpoint downloads, TokenVerifier verifier, int maxBodyBytes,
                      TokenEndpointGuard tokenGuard, boolean correlate) {
        this.correlate = correlate;
        this.downloads = downloads;
        this.tokenGuard = tokenGuard;
        this.api = api;
        this.localRoutes = localRoutes;
        this.uploads = uploads;
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
        if (!correlate) {
            write(serve(servletRequest), servletResponse);
            return;
        }
        // Correlation: a new request id per request, the caller's traceparent if valid (else a new trace), both in
        // the log context while the request is served and on the response (X-Request-Id, traceparent).
        String requestId = TraceParent.requestId();
        TraceParent trace = TraceParent.parse(servletRequest.getHeader(TraceParent.HEADER)).orElseGet(TraceParent::generate);
        HttpResponse response;
        try (LogContext.Scope scope = LogContext.open(FunctionNames.API, requestId, trace)) {
            response = serve(servletRequest);
        }
        write(Correlation.tag(response, requestId, trace), servletResponse);
    }

    private HttpResponse serve(HttpServletRequest servletRequest) throws IOException {
        String rawPath = servletRequest.getRequestURI();
        HttpResponse response;
        try {
            if (rawPath.startsWith(UploadEndpoint.PREFIX)) {
                // an upload's body is read only after its signed grant has been checked, and streamed
                HttpRequest request = head(servletRequest, rawPath).build();
                return uploads.handle(request, servletRequest.getInputStream(), servletRequest.getContentLengthLong());
            }
            if (rawPath.startsWith(DownloadEndpoint.PREFIX)) {
                // the signed URL is the credential: no bearer token, no body
                return downloads.handle(head(servletRequest, rawPath).build());
            }
            if (rawPath.equals(TokenEndpointGuard.PATH) || rawPath.startsWith(TokenEndpointGuard.PATH + "/")) {
                tokenGuard.check(servletRequest.getRemoteAddr(), servletRequest.getHeader("Host"));
            }
            HttpRequest request = translate(servletRequest, rawPath, maxBodyBytes);
            if (LocalRoutes.handles(rawPath)) {
                response = localRoutes.handle(request);
            } else {
                response = api.apply(request);
            }
        } catch (ApiException e) {
            response = Problems.response(e, rawPath);
        }
        return response;
    }

    private HttpRequest translate(HttpServletRequest servletRequest, String rawPath, long bodyLimit) throws IOException {
        HttpRequest.Builder builder = head(servletRequest, rawPath);
        builder.body(readBody(servletRequest, bodyLimit));
        builder.caller(verifier.caller(Optional.ofNullable(servletRequest.getHeader("Authorization"))));
        return builder.build();
    }

    /** The request line and headers, without the body. */
    private static HttpRequest.Builder head(HttpServletRequest servletRequest, String rawPath) {
        HttpRequest.Builder builder = HttpRequest.builder(servletRequest.getMethod(), rawPath);
        builder.rawQuery(servletRequest.getQueryString());
        for (String name : Collections.list(servletRequest.getHeaderNames())) {
            for (String value : Collections.list(servletRequest.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        return builder;
    }

    /** Reads at most {@code limit + 1} bytes: enough for the core to see that a body is too large. */
    private static byte[] readBody(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "the request body exceeds the limit of " + limit + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                        "the request body exceeds the limit of " + limit + " bytes");
            }
            return body;
        }
    }

    private static void write(HttpResponse response, HttpServletResponse servletResponse) throws IOException {
        servletResponse.setStatus(response.status());
        Headers headers = response.headers();
        headers.forEach((name, values) -> values.forEach(value -> servletResponse.addHeader(name, value)));
        servletResponse.setContentLength(response.body().length);
        servletResponse.getOutputStream().write(response.body());
    }
}
