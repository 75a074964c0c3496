package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API contract, written once. Each runtime (local HTTP, Lambda events, Azure Functions
 * requests) extends this class and supplies the transport and a way to get a caller's token; the
 * same assertions then hold on every runtime. Each test works in a fresh tenant, so tests do not
 * see each other's data even on a shared store.
 */
public abstract class ApiContract {

    /** Sends a neutral request (with an {@code Authorization: Bearer} header when a token is given). */
    protected abstract HttpResponse send(HttpRequest request);

    /** A valid token for the caller as this runtime's identity provider would issue it. */
    protected abstract String token(String subject, String tenant, Role... roles);

    /** The largest request body the runtime accepts. */
    protected int maxBodyBytes() {
        return 65536;
    }

    protected ApiClient api;
    protected String tenant;
    protected String alice;
    protected String bob;
    protected String agent;
    protected String admin;
    protected String stranger;

    @BeforeEach
    void callers() {
        api = new ApiClient(this::send);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        alice = token("alice", tenant, Role.CUSTOMER);
        bob = token("bob", tenant, Role.CUSTOMER);
        agent = token("agent-1", tenant, Role.AGENT);
        admin = token("admin-1", tenant, Role.ADMIN);
        stranger = token("agent-9", "other" + tenant, Role.AGENT);
    }

    protected ApiClient.Reply createTicket(String token, String subject) {
        ApiClient.Reply reply = api.post("/tickets", token,
                "{\"subject\": \"" + subject + "\", \"description\": \"details of " + subject + "\"}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply;
    }

    protected static void assertProblem(ApiClient.Reply reply, int status, String detailFragment) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).containsIgnoringCase(detailFragment);
        assertThat(reply.response().bodyText()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---- Health ----

    @Test
    void answersWithoutAToken() {
        ApiClient.Reply reply = api.get("/health", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("UP");
    }

    // ---- Authentication ----

    @Test
    void everyApiRouteNeedsAToken() {
        ApiClient.Reply reply = api.get("/tickets", null);
        assertProblem(reply, 401, "Bearer");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aRequestWithoutTokenWritesNothing() {
        assertProblem(api.post("/tickets", null, "{\"subject\":\"s\",\"description\":\"d\"}"), 401, "");
        assertThat(api.get("/tickets", agent).json().path("items")).isEmpty();
    }

    // ---- CreatingAndReading ----

    @Test
    void createReturns201WithLocationEtagAndTheTicket() {
        ApiClient.Reply created = createTicket(alice, "Printer on fire");
        JsonNode ticket = created.json();
        assertThat(created.header("Location")).isEqualTo("/tickets/" + ticket.path("id").asText());
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("priority").asText()).isEqualTo("NORMAL");
        assertThat(ticket.path("requester").asText()).isEqualTo("alice");
        assertThat(ticket.path("tenant").asText()).isEqualTo(tenant);
        assertThat(ticket.path("version").asLong()).isEqualTo(1);
        assertThat(ticket.path("createdAt").asText()).isEqualTo(ticket.path("updatedAt").asText());

        ApiClient.Reply read = api.get(created.header("Location"), alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json()).isEqualTo(ticket);
    }

    @Test
    void priorityCanBeGivenAtCreation() {
        ApiClient.Reply created = api.post("/tickets", alice,
                "{\"subject\":\"s\",\"description\":\"d\",\"priority\":\"HIGH\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("priority")).isEqualTo("HIGH");
    }

    @Test
    void unknownTicketIs404() {
        assertProblem(api.get("/tickets/" + UUID.randomUUID(), agent), 404, "does not exist");
    }

    @Test
    void anotherTenantSeesNotFoundNotForbidden() {
        String id = createTicket(alice, "secret").text("id");
        assertProblem(api.get("/tickets/" + id, stranger), 404, "does not exist");
        assertProblem(api.patch("/tickets/" + id, stranger, "{\"priority\":\"LOW\"}", null), 404, "does not exist");
        assertProblem(api.post("/tickets/" + id + "/responses", stranger, "{\"body\":\"hi\"}"), 404, "does not exist");
        assertThat(api.get("/tickets", stranger).json().path("items")).isEmpty();
    }

    @Test
    void aCustomerSeesOnlyTheirOwnTickets() {
        String alices = createTicket(alice, "alice's").text("id");
        createTicket(bob, "bob's");
        assertProblem(api.get("/tickets/" + alices, bob), 404, "does not exist");
        JsonNode bobsList = api.get("/tickets", bob).json().path("items");
        assertThat(bobsList).hasSize(1);
        assertThat(bobsList.get(0).path("requester").asText()).isEqualTo("bob");
        assertProblem(api.get("/tickets?requester=alice", bob), 403, "own tickets");
    }

    @Test
    void agentsAndAdminsSeeEveryTicketOfTheirTenant() {
        String id = createTicket(alice, "alice's").text("id");
        createTicket(bob, "bob's");
        assertThat(api.get("/tickets/" + id, agent).status()).isEqualTo(200);
        assertThat(api.get("/tickets/" + id, admin).status()).isEqualTo(200);
        assertThat(api.get("/tickets", agent).json().path("items")).hasSize(2);
    }

    // ---- Listing ----

    @Test
    void pagesThroughEveryTicketNewestFirstWithoutDuplicates() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(0, createTicket(alice, "ticket " + i).text("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Reply page = api.get("/tickets?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), agent);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json().path("items").forEach(item -> seen.add(item.path("id").asText()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void filtersByStatusAndRequester() {
        String first = createTicket(alice, "one").text("id");
        createTicket(alice, "two");
        createTicket(bob, "three");
        assertThat(api.patch("/tickets/" + first, agent, "{\"status\":\"IN_PROGRESS\"}", null).status()).isEqualTo(200);

        JsonNode inProgress = api.get("/tickets?status=IN_PROGRESS", agent).json().path("items");
        assertThat(inProgress).hasSize(1);
        assertThat(inProgress.get(0).path("id").asText()).isEqualTo(first);
        assertThat(api.get("/tickets?requester=alice", agent).json().path("items")).hasSize(2);
        assertThat(api.get("/tickets?requester=bob&status=OPEN", agent).json().path("items")).hasSize(1);
        assertThat(api.get("/tickets?status=in_progress", agent).json().path("items")).hasSize(1);
    }

    @Test
    void theLastPageHasANullCursor() {
        createTicket(alice, "only");
        JsonNode page = api.get("/tickets", agent).json();
        assertThat(page.has("nextCursor")).isTrue();
        assertThat(page.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void badCursorsAndParametersAre400() {
        createTicket(alice, "a");
        createTicket(alice, "b");
        String cursor = api.get("/tickets?limit=1", agent).json().path("nextCursor").asText();
        assertProblem(api.get("/tickets?cursor=not-a-cursor!", agent), 400, "cursor");
        assertProblem(api.get("/tickets?cursor=" + cursor.substring(0, cursor.length() - 3), agent), 400, "cursor");
        assertProblem(api.get("/tickets?status=OPEN&cursor=" + cursor, agent), 400, "different list");
        assertProblem(api.get("/tickets?limit=0", agent), 400, "limit");
        assertProblem(api.get("/tickets?limit=101", agent), 400, "limit");
        assertProblem(api.get("/tickets?limit=ten", agent), 400, "integer");
        assertProblem(api.get("/tickets?status=DONE", agent), 400, "OPEN, IN_PROGRESS, RESOLVED, CLOSED");
        assertProblem(api.get("/tickets?sort=asc", agent), 400, "unknown query parameter 'sort'");
        assertProblem(api.get("/tickets?limit=1&limit=2", agent), 400, "at most once");
    }

    // ---- RawQueryStrings: decoded once, in the core, the same on every runtime ----

    /**
     * How this runtime answers a query with a malformed escape; the core's 400 problem naming the
     * parameter and the escape unless the runtime's gateway answers such a query before the function.
     */
    protected void assertMalformedQueryRejected(ApiClient.Reply reply, String parameter, String escape) {
        assertProblem(reply, 400, "query parameter '" + parameter + "' is not correctly percent-encoded");
        assertThat(reply.json().path("detail").asText()).contains("'" + escape + "'");
    }

    @Test
    void malformedEscapesAre400NamingTheParameterAndTheEscape() {
        assertMalformedQueryRejected(api.get("/tickets?status=%zz", agent), "status", "%zz");
        assertMalformedQueryRejected(api.get("/tickets?limit=1&status=OPEN%", agent), "status", "%");
        assertMalformedQueryRejected(api.get("/tickets?requester=%e9", agent), "requester", "%e9");
        assertMalformedQueryRejected(api.get("/tickets?requester=caf%C3", agent), "requester", "%C3");
    }

    @Test
    void wellFormedEscapesDecodeAsUtf8() {
        createTicket(alice, "one");
        assertThat(api.get("/tickets?status=%4Fpen", agent).json().path("items")).hasSize(1);
        assertProblem(api.get("/tickets?status=caf%C3%A9", agent), 400, "got 'café'");
        assertThat(api.get("/tickets?%6Cimit=1", agent).status()).isEqualTo(200);
    }

    @Test
    void plusIsASpaceAndAnEscapedPlusIsAPlus() {
        assertProblem(api.get("/tickets?status=in+progress", agent), 400, "got 'in progress'");
        assertProblem(api.get("/tickets?status=in%20progress", agent), 400, "got 'in progress'");
        assertProblem(api.get("/tickets?status=in%2Bprogress", agent), 400, "got 'in+progress'");
    }

    @Test
    void anEscapedAmpersandStaysInItsValue() {
        assertProblem(api.get("/tickets?status=OPEN%26limit%3D1", agent), 400, "got 'OPEN&limit=1'");
        assertProblem(api.get("/tickets?status%3DOPEN=1", agent), 400, "unknown query parameter 'status=OPEN'");
    }

    @Test
    void repeatedParametersAre400WhateverTheirSpelling() {
        assertProblem(api.get("/tickets?limit=1&limit=2", agent), 400, "'limit' must appear at most once");
        assertProblem(api.get("/tickets?limit=1&%6Cimit=1", agent), 400, "'limit' must appear at most once");
        assertThat(api.get("/tickets?&&limit=1&", agent).status()).isEqualTo(200);
    }

    /**
     * Rewrites the store position inside a real cursor as a hostile client can: keeping the list it
     * belongs to, with the check digits recomputed (the first 8 bytes of SHA-256 over the
     * length-prefixed list fingerprint and position, in hex).
     */
    private static String withPosition(String cursor, String position) {
        String text = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        String[] parts = text.split("\n", 4);
        String check;
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : List.of(parts[1], position)) {
                byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha256.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            check = java.util.HexFormat.of().formatHex(sha256.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (parts[0] + "\n" + parts[1] + "\n" + check + "\n" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aResponseRetriedWithTheSameIdempotencyKeyIsStoredOnce() {
        String path = createTicket(alice, "retry").header("Location");
        String key = "retry-" + UUID.randomUUID();
        ApiClient.Reply first = api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"on it\"}", "Idempotency-Key", key);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        ApiClient.Reply retried = api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"on it\"}", "Idempotency-Key", key);
        assertThat(retried.status()).as("%s", retried).isEqualTo(201);
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retried.json()).as("the first response, as stored").isEqualTo(first.json());

        ApiClient.Reply other = api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"on it\"}", "Idempotency-Key", key + "-2");
        assertThat(other.status()).as("%s", other).isEqualTo(201);
        assertThat(other.text("id")).isNotEqualTo(first.text("id"));
        assertProblem(api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"something else\"}", "Idempotency-Key", key), 409, "Idempotency-Key");
        assertProblem(api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"on it\"}", "Idempotency-Key", "k".repeat(256)), 400, "Idempotency-Key");
        assertProblem(api.send("POST", path + "/responses", agent, "application/json",
                "{\"body\":\"on it\"}", "Idempotency-Key", "two words"), 400, "Idempotency-Key");

        JsonNode items = api.get(path + "/responses", agent).json().path("items");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        assertThat(ids).as("one response per key").containsExactlyInAnyOrder(first.text("id"), other.text("id"));
    }

    @Test
    void forgedCursorsAre400BeforeAnyStoreSeesThem() {
        String path = createTicket(alice, "a").header("Location");
        createTicket(alice, "b");
        String tickets = api.get("/tickets?limit=1", agent).json().path("nextCursor").asText();
        api.post(path + "/responses", agent, "{\"body\":\"one\"}");
        api.post(path + "/responses", agent, "{\"body\":\"two\"}");
        String responses = api.get(path + "/responses?limit=1", agent).json().path("nextCursor").asText();
        String longValue = "x".repeat(3000);
        List<String> positions = List.of(
                "{\"PK\":\"\",\"SK\":\"\",\"GSI1PK\":\"\",\"GSI1SK\":\"\"}",
                "{\"PK\":\"\",\"SK\":\"\"}",
                "{\"PK\":{\"S\":\"x\"},\"SK\":[1]}",
                "{\"PK\":null,\"SK\":true}",
                "{}", "[]", "{",
                "1:" + longValue,
                "{\"PK\":\"TENANT#x\",\"SK\":\"" + "y".repeat(1025) + "\"}",
                "{\"PK\":\"" + longValue + "\",\"SK\":\"T\"}",
                "ticket|\u0000|x",
                "");
        for (String position : positions) {
            assertProblem(api.get("/tickets?limit=1&cursor=" + query(withPosition(tickets, position)), agent),
                    400, "cursor");
            assertProblem(api.get(path + "/responses?limit=1&cursor=" + query(withPosition(responses, position)), agent),
                    400, "cursor");
        }
        assertProblem(api.get("/tickets?cursor=" + "A".repeat(5000), agent), 400, "cursor");
        assertProblem(api.get("/tickets?cursor=0", agent), 400, "cursor");
        assertProblem(api.get("/tickets?cursor=" + query("\u00ff\u00fe"), agent), 400, "cursor");
        // a cursor never crosses tenants or callers: the same position is another list for them
        String strangers = token("agent-9", "other" + tenant, Role.AGENT);
        assertProblem(api.get("/tickets?limit=1&cursor=" + tickets, strangers), 400, "different list");
        assertProblem(api.get("/tickets?limit=1&cursor=" + tickets, alice), 400, "different list");
        // and a real one still works
        assertThat(api.get("/tickets?limit=1&cursor=" + tickets, agent).status()).isEqualTo(200);
        assertThat(api.get(path + "/responses?limit=1&cursor=" + responses, agent).status()).isEqualTo(200);
    }

    @Test
    void idsThatAreNotUuidsAre404BeforeAnyStoreSeesThem() {
        String path = createTicket(alice, "a").header("Location");
        // An encoded slash: a gateway that decodes the path (REST API payload 1.0) sees /tickets/a/b and
        // answers the router's 404 for no route; either way a 404 problem, and no store sees "a/b".
        assertThat(api.get("/tickets/a%2Fb", agent).status()).isEqualTo(404);
        List<String> bad = List.of("not-a-uuid", "x".repeat(2000), "%20",
                UUID.randomUUID() + "x", "%C3%A9" + UUID.randomUUID().toString().substring(1), "-");
        for (String id : bad) {
            assertProblem(api.get("/tickets/" + id, agent), 404, "UUID");
            assertProblem(api.patch("/tickets/" + id, agent, "{\"priority\":\"LOW\"}", null), 404, "UUID");
            assertProblem(api.post("/tickets/" + id + "/responses", agent, "{\"body\":\"b\"}"), 404, "UUID");
            assertProblem(api.get("/tickets/" + id + "/responses", agent), 404, "UUID");
            assertProblem(api.get("/tickets/" + id + "/responses/" + UUID.randomUUID(), agent), 404, "UUID");
            assertProblem(api.post("/tickets/" + id + "/attachments", agent,
                    "{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":10}"), 404, "UUID");
            assertProblem(api.get("/tickets/" + id + "/attachments/" + UUID.randomUUID(), agent), 404, "UUID");
            assertProblem(api.get(path + "/responses/" + id, agent), 404, "no response");
            assertProblem(api.get(path + "/attachments/" + id, agent), 404, "no attachment");
        }
        assertThat(api.get("/tickets/" + "x".repeat(2000), agent).text("detail")).hasSizeLessThan(200);
    }

    @Test
    void bodiesAreJudgedAsTheOpenApiDocumentJudgesThem() {
        // null is not a value of an enum field (the document does not allow it); leaving the field out is
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"s\",\"description\":\"d\",\"priority\":null}"),
                400, "priority");
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.patch(path, agent, "{\"priority\":null}", null), 400, "priority");
        assertProblem(api.patch(path, agent, "{\"status\":null}", null), 400, "status");
        assertProblem(api.post(path + "/responses", agent, "{\"body\":\"b\",\"visibility\":null}"), 400, "visibility");
        assertThat(api.patch(path, agent, "{\"assignee\":null}", null).status()).isEqualTo(200);
        // length limits apply to the value as sent, before surrounding whitespace is stripped
        assertProblem(api.post("/tickets", alice, "{\"subject\":\" " + "s".repeat(200) + "\",\"description\":\"d\"}"),
                400, "at most 200");
        ApiClient.Reply padded = api.post("/tickets", alice, "{\"subject\":\"  " + "s".repeat(198) + "\",\"description\":\"d\"}");
        assertThat(padded.status()).as("%s", padded).isEqualTo(201);
        assertThat(padded.text("subject")).isEqualTo("s".repeat(198));
        // a control character is not whitespace (JSON Schema's \\S matches it), so it is not blank
        ApiClient.Reply control = api.post("/tickets", alice, "{\"subject\":\"\\u001f\",\"description\":\"d\"}");
        assertThat(control.status()).as("%s", control).isEqualTo(201);
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"\\u00a0\\u2028\\t\",\"description\":\"d\"}"),
                400, "must not be blank");
        // an integer is any number without a fractional part, as JSON Schema reads one
        ApiClient.Reply whole = api.post(path + "/attachments", alice,
                "{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":10.0}");
        assertThat(whole.status()).as("%s", whole).isEqualTo(201);
        assertThat(whole.json().path("size").asLong()).isEqualTo(10);
        assertProblem(api.post(path + "/attachments", alice,
                "{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":10.5}"), 400, "integer");
    }

    // ---- BadInput ----

    private void assertNothingStored() {
        assertThat(api.get("/tickets", agent).json().path("items")).isEmpty();
    }

    @Test
    void malformedJson() {
        assertProblem(api.post("/tickets", alice, "{\"subject\": \"x\", "), 400, "not valid JSON");
        assertProblem(api.post("/tickets", alice, "{\"subject\": \"x\"} trailing"), 400, "not valid JSON");
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"a\",\"subject\":\"b\",\"description\":\"d\"}"), 400, "duplicate");
        assertProblem(api.post("/tickets", alice, "[1, 2]"), 400, "must be a JSON object");
        assertProblem(api.post("/tickets", alice, ""), 400, "empty");
        assertNothingStored();
    }

    @Test
    void unknownMissingAndMistypedFields() {
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"s\",\"description\":\"d\",\"status\":\"CLOSED\"}"),
                400, "unknown field 'status'");
        assertProblem(api.post("/tickets", alice, "{\"description\":\"d\"}"), 400, "'subject' is required");
        assertProblem(api.post("/tickets", alice, "{\"subject\":42,\"description\":\"d\"}"), 400, "'subject' must be a string");
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"  \",\"description\":\"d\"}"), 400, "must not be blank");
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"" + "x".repeat(201) + "\",\"description\":\"d\"}"),
                400, "at most 200");
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"s\",\"description\":\"d\",\"priority\":\"ASAP\"}"),
                400, "LOW, NORMAL, HIGH, URGENT");
        assertProblem(api.post("/tickets", alice, "{\"subject\":\"s\",\"description\":\"d\",\"priority\":3}"),
                400, "'priority' must be one of");
        assertNothingStored();
    }

    @Test
    void oversizeBodyIs413() {
        String huge = "{\"subject\":\"s\",\"description\":\"" + "x".repeat(maxBodyBytes()) + "\"}";
        assertProblem(api.post("/tickets", alice, huge), 413, "limit");
        assertNothingStored();
    }

    @Test
    void unsupportedMediaTypeIs415() {
        String body = "{\"subject\":\"s\",\"description\":\"d\"}";
        assertProblem(api.send("POST", "/tickets", alice, "text/plain", body), 415, "text/plain");
        assertProblem(api.send("POST", "/tickets", alice, null, body), 415, "Content-Type");
        assertProblem(api.send("POST", "/tickets", alice, "application/json; charset=latin1", body), 415, "UTF-8");
        assertThat(api.send("POST", "/tickets", alice, "application/json; charset=UTF-8", body).status()).isEqualTo(201);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertProblem(api.get("/nothing-here", alice), 404, "no route");
        ApiClient.Reply wrongMethod = api.send("DELETE", "/tickets", alice, null, null);
        assertProblem(wrongMethod, 405, "not allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET").contains("POST");
    }

    // ---- Updating ----

    @Test
    void followsTheStatusLifeCycleAndBumpsTheEtag() {
        ApiClient.Reply created = createTicket(alice, "flow");
        String path = created.header("Location");
        ApiClient.Reply started = api.patch(path, agent, "{\"status\":\"IN_PROGRESS\",\"assignee\":\"agent-1\"}", "\"1\"");
        assertThat(started.status()).as("%s", started).isEqualTo(200);
        assertThat(started.header("ETag")).isEqualTo("\"2\"");
        assertThat(started.text("assignee")).isEqualTo("agent-1");
        assertThat(api.patch(path, agent, "{\"status\":\"RESOLVED\"}", "\"2\"").status()).isEqualTo(200);
        assertThat(api.patch(path, alice, "{\"status\":\"OPEN\"}", null).text("status")).isEqualTo("OPEN");
        assertThat(api.get(path, alice).header("ETag")).isEqualTo("\"4\"");
    }

    @Test
    void illegalTransitionIs409AndChangesNothing() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.patch(path, agent, "{\"status\":\"RESOLVED\"}", null), 409, "cannot move from OPEN to RESOLVED");
        assertThat(api.patch(path, agent, "{\"status\":\"CLOSED\"}", null).status()).isEqualTo(200);
        assertProblem(api.patch(path, agent, "{\"status\":\"OPEN\"}", null), 409, "final");
        JsonNode ticket = api.get(path, agent).json();
        assertThat(ticket.path("status").asText()).isEqualTo("CLOSED");
        assertThat(ticket.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        String path = createTicket(alice, "x").header("Location");
        assertThat(api.patch(path, agent, "{\"priority\":\"HIGH\"}", "\"1\"").status()).isEqualTo(200);
        assertProblem(api.patch(path, agent, "{\"priority\":\"LOW\"}", "\"1\""), 412, "\"2\"");
        assertThat(api.get(path, agent).text("priority")).isEqualTo("HIGH");
        assertThat(api.patch(path, agent, "{\"priority\":\"LOW\"}", "*").status()).isEqualTo(200);
    }

    @Test
    void customersMayOnlyCloseOrReopenResolvedTickets() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.patch(path, alice, "{\"priority\":\"URGENT\"}", null), 403, "priority");
        assertProblem(api.patch(path, alice, "{\"status\":\"IN_PROGRESS\"}", null), 403, "RESOLVED");
        api.patch(path, agent, "{\"status\":\"IN_PROGRESS\"}", null);
        api.patch(path, agent, "{\"status\":\"RESOLVED\"}", null);
        assertThat(api.patch(path, alice, "{\"status\":\"CLOSED\"}", null).status()).isEqualTo(200);
    }

    @Test
    void badPatchBodiesAre400AndChangeNothing() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.patch(path, agent, "{}", null), 400, "at least one");
        assertProblem(api.patch(path, agent, "{\"subject\":\"new\"}", null), 400, "unknown field 'subject'");
        assertProblem(api.patch(path, agent, "{\"status\":\"WAITING\"}", null), 400, "'status' must be one of");
        assertProblem(api.patch(path, agent, "{\"status\":true}", null), 400, "'status' must be one of");
        assertThat(api.get(path, agent).json().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void assigneeCanBeCleared() {
        String path = createTicket(alice, "x").header("Location");
        api.patch(path, agent, "{\"assignee\":\"agent-1\"}", null);
        ApiClient.Reply cleared = api.patch(path, agent, "{\"assignee\":null}", null);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("assignee").isNull()).isTrue();
    }

    @Test
    void concurrentUpdatesWithTheSameEtagLetExactlyOneWin() throws Exception {
        String path = createTicket(alice, "race").header("Location");
        int writers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        Priority[] priorities = {Priority.LOW, Priority.HIGH, Priority.URGENT};
        for (int i = 0; i < writers; i++) {
            String priority = priorities[i % priorities.length].name();
            tasks.add(() -> {
                start.await();
                return api.patch(path, agent, "{\"priority\":\"" + priority + "\"}", "\"1\"").status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            tasks.forEach(task -> results.add(pool.submit(task)));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 412).hasSize(writers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get(path, agent).json().path("version").asLong()).isEqualTo(2);
    }

    enum Priority { LOW, HIGH, URGENT }

    // ---- Responses ----

    @Test
    void internalResponsesAreHiddenFromCustomers() {
        String path = createTicket(alice, "x").header("Location");
        ApiClient.Reply publicReply = api.post(path + "/responses", agent, "{\"body\":\"On it\"}");
        assertThat(publicReply.status()).isEqualTo(201);
        assertThat(publicReply.header("Location")).isEqualTo(path + "/responses/" + publicReply.text("id"));
        assertThat(publicReply.text("visibility")).isEqualTo("PUBLIC");
        ApiClient.Reply internal = api.post(path + "/responses", agent, "{\"body\":\"VIP\",\"visibility\":\"INTERNAL\"}");
        assertThat(internal.status()).isEqualTo(201);
        assertThat(api.post(path + "/responses", alice, "{\"body\":\"Thanks\"}").status()).isEqualTo(201);

        assertThat(api.get(path + "/responses", agent).json().path("items")).hasSize(3);
        JsonNode forAlice = api.get(path + "/responses", alice).json().path("items");
        assertThat(forAlice).hasSize(2);
        forAlice.forEach(item -> assertThat(item.path("visibility").asText()).isEqualTo("PUBLIC"));
        assertProblem(api.get(internal.header("Location"), alice), 404, "no response");
        assertThat(api.get(internal.header("Location"), agent).text("body")).isEqualTo("VIP");
    }

    @Test
    void customersCannotWriteInternalResponses() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.post(path + "/responses", alice, "{\"body\":\"psst\",\"visibility\":\"INTERNAL\"}"), 403, "internal");
        assertThat(api.get(path + "/responses", agent).json().path("items")).isEmpty();
    }

    @Test
    void responsesArePagedOldestFirst() {
        String path = createTicket(alice, "x").header("Location");
        for (int i = 0; i < 5; i++) {
            api.post(path + "/responses", agent, "{\"body\":\"message " + i + "\"}");
        }
        JsonNode first = api.get(path + "/responses?limit=2", agent).json();
        assertThat(first.path("items").get(0).path("body").asText()).isEqualTo("message 0");
        Set<String> bodies = new HashSet<>();
        String cursor = first.path("nextCursor").asText();
        first.path("items").forEach(item -> bodies.add(item.path("body").asText()));
        while (cursor != null) {
            JsonNode page = api.get(path + "/responses?limit=2&cursor=" + cursor, agent).json();
            page.path("items").forEach(item -> bodies.add(item.path("body").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        }
        assertThat(bodies).hasSize(5);
    }

    @Test
    void closedTicketsTakeNoResponses() {
        String path = createTicket(alice, "x").header("Location");
        api.patch(path, agent, "{\"status\":\"CLOSED\"}", null);
        assertProblem(api.post(path + "/responses", agent, "{\"body\":\"late\"}"), 409, "CLOSED");
    }

    @Test
    void badResponseBodies() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.post(path + "/responses", agent, "{\"body\":\"\"}"), 400, "must not be blank");
        assertProblem(api.post(path + "/responses", agent, "{\"text\":\"hi\"}"), 400, "unknown field 'text'");
        assertProblem(api.post(path + "/responses", agent, "{\"body\":\"x\",\"visibility\":\"SECRET\"}"), 400, "PUBLIC, INTERNAL");
        assertThat(api.get(path + "/responses", agent).json().path("items")).isEmpty();
    }

    // ---- Attachments ----

    @Test
    void declaringAnAttachmentReturnsAShortLivedUploadUrl() {
        String path = createTicket(alice, "x").header("Location");
        ApiClient.Reply declared = api.post(path + "/attachments", alice,
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":1234}");
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        JsonNode body = declared.json();
        assertThat(declared.header("Location")).isEqualTo(path + "/attachments/" + body.path("id").asText());
        assertThat(body.path("fileName").asText()).isEqualTo("scan.png");
        assertThat(body.path("size").asLong()).isEqualTo(1234);
        assertThat(body.path("uploadedAt").isNull()).isTrue();
        assertThat(body.has("quarantine")).isTrue();
        assertThat(body.path("quarantine").isNull()).isTrue();
        assertThat(body.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
        assertThat(body.path("upload").path("method").asText()).isEqualTo("PUT");
        assertThat(body.path("upload").path("url").asText()).startsWith("http");
        assertThat(body.path("upload").path("headers").path("Content-Type").asText()).isEqualTo("image/png");
        assertThat(java.time.Instant.parse(body.path("upload").path("expiresAt").asText()))
                .isAfter(java.time.Instant.now()).isBefore(java.time.Instant.now().plusSeconds(3600));

        ApiClient.Reply read = api.get(declared.header("Location"), agent);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("contentType")).isEqualTo("image/png");
        assertThat(read.json().has("upload")).isFalse();
    }

    @Test
    void anAttachmentsTextAndSearchablePdfAreProblemsUntilItIsRead() {
        String path = createTicket(alice, "x").header("Location");
        String attachment = api.post(path + "/attachments", alice,
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":1234}").header("Location");

        // the attachment exists, its outputs do not yet: 409 (its state), never 404 (which says "no such attachment")
        assertProblem(api.get(attachment + "/text", alice), 409, "no text yet");
        assertProblem(api.get(attachment + "/text?format=hocr", agent), 409, "no text yet");
        assertProblem(api.get(attachment + "/searchable-pdf", alice), 409, "no searchable PDF yet");
        assertProblem(api.get(attachment + "/searchable-pdf", stranger), 404, "does not exist");
        assertProblem(api.get(attachment + "/text", bob), 404, "does not exist");
    }

    @Test
    void anAttachmentsTextComesOnlyInTheFormatsItHas() {
        String path = createTicket(alice, "x").header("Location");
        String attachment = api.post(path + "/attachments", alice,
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":1234}").header("Location");

        assertProblem(api.get(attachment + "/text?format=pdf", alice), 400, "'format' must be one of [text, hocr]");
        assertProblem(api.get(attachment + "/text?format=hocr&format=text", alice), 400, "at most once");
        assertProblem(api.get(attachment + "/text?lang=en", alice), 400, "unknown query parameter 'lang'");
        ApiClient.Reply json = api.send("GET", attachment + "/text", alice, null, null, "Accept", "application/json");
        assertProblem(json, 406, "text/plain, text/vnd.hocr+html or text/html");
        assertProblem(api.send("GET", attachment + "/text", alice, null, null,
                "Accept", "text/plain;q=0, text/html;q=0"), 406, "?format=text|hocr");
        assertProblem(api.get(attachment + "/searchable-pdf?inline=1", alice), 400, "unknown query parameter");
    }

    @Test
    void badDeclarationsAre400AndStoreNothing() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.post(path + "/attachments", alice, "{\"fileName\":\"a.exe\",\"contentType\":\"application/x-msdownload\",\"size\":10}"),
                400, "contentType");
        assertProblem(api.post(path + "/attachments", alice, "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":0}"),
                400, "'size' must be between");
        assertProblem(api.post(path + "/attachments", alice, "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":1.5}"),
                400, "integer");
        assertProblem(api.post(path + "/attachments", alice, "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":99999999999}"),
                400, "at most");
        assertProblem(api.post(path + "/attachments", alice, "{\"fileName\":\"../../etc/passwd\",\"contentType\":\"image/png\",\"size\":10}"),
                400, "fileName");
        assertProblem(api.post(path + "/attachments", alice, "{\"contentType\":\"image/png\",\"size\":10}"), 400, "'fileName' is required");
    }

    @Test
    void unknownAttachmentIs404() {
        String path = createTicket(alice, "x").header("Location");
        assertProblem(api.get(path + "/attachments/" + UUID.randomUUID(), alice), 404, "no attachment");
    }

    @Test
    void attachmentsOfOtherTenantsAreInvisible() {
        String path = createTicket(alice, "x").header("Location");
        String location = api.post(path + "/attachments", alice,
                "{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":10}").header("Location");
        assertProblem(api.get(location, stranger), 404, "does not exist");
        assertProblem(api.get(location, bob), 404, "does not exist");
    }

    /** Runs {@code request} against the transport as-is; for adapter-specific extra tests. */
    protected HttpResponse raw(HttpRequest request) {
        return send(request);
    }
}
