package dev.supportdesk.tickets;

import static dev.supportdesk.http.Route.authenticated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.ApiCall;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.ports.DownloadUrl;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.JsonBody;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The HTTP face of the ticket family: parses requests, calls {@link TicketService}, renders JSON. */
public final class TicketRoutes implements RouteSet {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,255}");
    /** An {@code Idempotency-Key}: 1 to 255 visible ASCII characters (the OpenAPI says the same). */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final TicketService tickets;

    public TicketRoutes(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                authenticated("POST", "/tickets", this::create),
                authenticated("GET", "/tickets", this::list),
                authenticated("GET", "/tickets/{id}", this::get),
                authenticated("PATCH", "/tickets/{id}", this::update),
                authenticated("POST", "/tickets/{id}/responses", this::respond),
                authenticated("GET", "/tickets/{id}/responses", this::responses),
                authenticated("GET", "/tickets/{id}/responses/{responseId}", this::response),
                authenticated("POST", "/tickets/{id}/attachments", this::declareAttachment),
                authenticated("GET", "/tickets/{id}/attachments/{attachmentId}", this::attachment),
                authenticated("GET", "/tickets/{id}/attachments/{attachmentId}/text", this::attachmentText),
                authenticated("GET", "/tickets/{id}/attachments/{attachmentId}/searchable-pdf", this::searchablePdf));
    }

    private HttpResponse create(ApiCall call) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("subject", "description", "priority");
        String subject = body.requiredString("subject", 200);
        String description = body.requiredString("description", 10_000);
        Priority priority = body.optionalEnum("priority", Priority.class).orElse(Priority.NORMAL);
        Ticket ticket = tickets.create(call.identity(), subject, description, priority);
        return withEtag(HttpResponse.json(201, TicketJson.ticket(ticket)), ticket)
                .withHeader("Location", "/tickets/" + ticket.id());
    }

    private HttpResponse list(ApiCall call) {
        QueryParams query = QueryParams.of(call.request(), "status", "requester", "limit", "cursor");
        Optional<TicketStatus> status = query.enumValue("status", TicketStatus.class);
        Optional<String> requester = query.get("requester");
        int limit = query.intValue("limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String fingerprint = Cursors.fingerprint("tickets", call.identity().tenant(),
                call.identity().isStaff() ? "" : call.identity().subject(),
                status.map(Enum::name).orElse(""), requester.orElse(""));
        Optional<String> position = Cursors.decode(fingerprint, query.get("cursor"));
        Page<Ticket> page = tickets.list(call.identity(), status, requester, limit, position);
        return HttpResponse.json(200, TicketJson.page(page.items(), TicketJson::ticket,
                Cursors.encode(fingerprint, page.nextCursor())));
    }

    private HttpResponse get(ApiCall call) {
        QueryParams.of(call.request());
        Ticket ticket = tickets.get(call.identity(), call.path("id"));
        return withEtag(HttpResponse.json(200, TicketJson.ticket(ticket)), ticket);
    }

    private HttpResponse update(ApiCall call) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("status", "priority", "assignee");
        if (body.isEmpty()) {
            throw ApiException.badRequest("the body must set at least one of status, priority, assignee");
        }
        TicketChange change = new TicketChange(
                body.optionalEnum("status", TicketStatus.class),
                body.optionalEnum("priority", Priority.class),
                body.has("assignee"),
                body.optionalString("assignee", 128));
        Optional<String> ifMatch = call.request().headers().first("If-Match");
        Ticket ticket = tickets.update(call.identity(), call.path("id"), change, ifMatch);
        return withEtag(HttpResponse.json(200, TicketJson.ticket(ticket)), ticket);
    }

    private HttpResponse respond(ApiCall call) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("body", "visibility");
        String text = body.requiredString("body", 10_000);
        Visibility visibility = body.optionalEnum("visibility", Visibility.class).orElse(Visibility.PUBLIC);
        Response response = tickets.respond(call.identity(), call.path("id"), text, visibility,
                idempotencyKey(call));
        return HttpResponse.json(201, TicketJson.response(response))
                .withHeader("Location", "/tickets/" + response.ticketId() + "/responses/" + response.id());
    }

    private static Optional<String> idempotencyKey(ApiCall call) {
        List<String> keys = call.request().headers().all("Idempotency-Key");
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        if (keys.size() > 1 || !IDEMPOTENCY_KEY.matcher(keys.get(0)).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST,
                    "header 'Idempotency-Key' must be given once, as 1 to 255 visible ASCII characters");
        }
        return Optional.of(keys.get(0));
    }

    private HttpResponse responses(ApiCall call) {
        QueryParams query = QueryParams.of(call.request(), "limit", "cursor");
        int limit = query.intValue("limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String fingerprint = Cursors.fingerprint("responses", call.identity().tenant(), call.path("id"));
        Optional<String> position = Cursors.decode(fingerprint, query.get("cursor"));
        Page<Response> page = tickets.responses(call.identity(), call.path("id"), limit, position);
        return HttpResponse.json(200, TicketJson.page(page.items(), TicketJson::response,
                Cursors.encode(fingerprint, page.nextCursor())));
    }

    private HttpResponse response(ApiCall call) {
        QueryParams.of(call.request());
        Response response = tickets.response(call.identity(), call.path("id"), call.path("responseId"));
        return HttpResponse.json(200, TicketJson.response(response));
    }

    private HttpResponse declareAttachment(ApiCall call) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("fileName", "contentType", "size");
        String fileName = body.requiredString("fileName", 255);
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw ApiException.badRequest("field 'fileName' must not contain '/', '\\' or control characters");
        }
        String contentType = body.requiredString("contentType", 100);
        long size = body.requiredLong("size", 1, Long.MAX_VALUE);
        NewAttachment created = tickets.declareAttachment(call.identity(), call.path("id"), fileName, contentType, size);
        ObjectNode json = TicketJson.attachment(created.attachment());
        json.set("upload", TicketJson.upload(created.upload()));
        return HttpResponse.json(201, json).withHeader("Location",
                "/tickets/" + created.attachment().ticketId() + "/attachments/" + created.attachment().id());
    }

    private HttpResponse attachment(ApiCall call) {
        QueryParams.of(call.request());
        Attachment attachment = tickets.attachment(call.identity(), call.path("id"), call.path("attachmentId"));
        return HttpResponse.json(200, TicketJson.attachment(attachment, tickets.attachmentText(attachment)));
    }

    private HttpResponse attachmentText(ApiCall call) {
        QueryParams query = QueryParams.of(call.request(), "format");
        TextRepresentation representation = representation(call, query);
        String body = representation.format().equals(TextRepresentation.HOCR)
                ? tickets.readHocr(call.identity(), call.path("id"), call.path("attachmentId"))
                : tickets.readText(call.identity(), call.path("id"), call.path("attachmentId"));
        return HttpResponse.of(200, representation.mediaType() + ";charset=utf-8",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).withHeader("Vary", "Accept");
    }

    private static TextRepresentation representation(ApiCall call, QueryParams query) {
        Optional<String> format = query.get("format");
        if (format.isPresent()) {
            return TextRepresentation.named(format.get()).orElseThrow(() -> ApiException.badRequest(
                    "query parameter 'format' must be one of " + TextRepresentation.FORMATS + ", got '"
                            + format.get() + "'"));
        }
        List<String> accepts = call.request().headers().all("Accept");
        Optional<String> accept = accepts.isEmpty() ? Optional.empty() : Optional.of(String.join(",", accepts));
        return TextRepresentation.negotiate(accept).orElseThrow(() -> new ApiException(ProblemType.NOT_ACCEPTABLE,
                "the text is available as text/plain, text/vnd.hocr+html or text/html, not as '"
                        + accept.get().substring(0, Math.min(100, accept.get().length()))
                        + "'; or ask with ?format=text|hocr"));
    }

    private HttpResponse searchablePdf(ApiCall call) {
        QueryParams.of(call.request());
        DownloadUrl download = tickets.searchablePdf(call.identity(), call.path("id"), call.path("attachmentId"));
        return HttpResponse.json(303, Json.object().put("url", download.url())
                        .put("expiresAt", download.expiresAt().toString()))
                .withHeader("Location", download.url())
                .withHeader("Cache-Control", "no-store");
    }

    private static HttpResponse withEtag(HttpResponse response, Ticket ticket) {
        return response.withHeader("ETag", ticket.etag());
    }
}
