package dev.supportdesk.http;

/** The kinds of problem the API reports, each with its RFC 9457 type URI, title and status. */
public enum ProblemType {
    INVALID_JSON(400, "Malformed JSON"),
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_CURSOR(400, "Invalid cursor"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    INVALID_TRANSITION(409, "Illegal status transition"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private static final String BASE = "https://supportdesk.dev/problems/";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return BASE + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
