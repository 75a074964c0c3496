package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.WorkflowRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local app escalates, closes and retries OCR work on demand and on its schedule: operators run it
 * over every tenant, a tenant's admin over their tenant only, one run over the same tickets at a time.
 */
class LocalWorkflowTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String schedule) {
        return SpringApplication.run(LocalApplication.class, "--server.port=0",
                "--supportdesk.local.data-dir=" + dataDir, "--supportdesk.local.workflow-schedule=" + schedule,
                "--supportdesk.workflow.ocr-max-attempts=1");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String token(ConfigurableApplicationContext context, Role role) {
        return token(context, role, "acme");
    }

    private static String token(ConfigurableApplicationContext context, Role role, String tenant) {
        return context.getBean(TokenMinter.class).mint("user-" + role, tenant, List.of(role), Duration.ofMinutes(5)).token();
    }

    private static HttpResponse send(ConfigurableApplicationContext context, String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.builder(method, path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return LocalHttp.send(port(context), request.build());
    }

    private record Seeded(Ticket escalate, Ticket close, Attachment stuck) {
    }

    private static Seeded seed(TicketStore store) {
        Instant old = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Ticket escalate = new Ticket(UUID.randomUUID().toString(), "acme", "alice", "s", "d", Priority.NORMAL,
                TicketStatus.OPEN, null, old, old, 1);
        Ticket close = new Ticket(UUID.randomUUID().toString(), "globex", "bob", "s", "d", Priority.LOW,
                TicketStatus.RESOLVED, null, old, old, 1);
        store.create(escalate);
        store.create(close);
        String id = UUID.randomUUID().toString();
        Attachment stuck = new Attachment(id, "acme", escalate.id(), "scan.png", "image/png", 5,
                "uploads/acme/" + escalate.id() + "/" + id, old, old, OcrStatus.PROCESSING, null, 2);
        store.addAttachment(stuck);
        return new Seeded(escalate, close, stuck);
    }

    private static JsonNode awaitFinished(ConfigurableApplicationContext context, String location, String admin)
            throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode run = Json.MAPPER.readTree(send(context, "GET", location, admin).body());
            if (!run.path("status").asText().equals("RUNNING")) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + location + " did not finish");
    }

    @Test
    void anOperatorStartsARunOverEveryTenantThatEscalatesClosesAndRetries() throws Exception {
        try (ConfigurableApplicationContext app = start("off")) {
            TicketStore store = app.getBean(TicketStore.class);
            Seeded seeded = seed(store);
            String admin = token(app, Role.OPERATOR);

            HttpResponse started = send(app, "POST", "/workflow/runs", admin);
            assertThat(started.status()).as(started.bodyText()).isEqualTo(202);
            String location = started.headers().first("Location").orElseThrow();
            assertThat(location).matches("/workflow/runs/[0-9]{8}T[0-9]{6}Z-manual-[0-9a-f]{8}");

            JsonNode run = awaitFinished(app, location, admin);
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
            assertThat(run.path("trigger").asText()).isEqualTo("MANUAL");
            assertThat(run.path("steps").path("ESCALATE").path("applied").asInt()).isEqualTo(1);
            assertThat(run.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isEqualTo(1);
            assertThat(run.path("steps").path("RETRY_OCR").path("applied").asInt()).isEqualTo(1);

            assertThat(store.find("acme", seeded.escalate().id()).orElseThrow().priority()).isEqualTo(Priority.HIGH);
            assertThat(store.find("globex", seeded.close().id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
            HttpResponse responses = send(app, "GET", "/tickets/" + seeded.escalate().id() + "/responses",
                    token(app, Role.AGENT));
            assertThat(responses.bodyText()).contains("Escalated from NORMAL to HIGH").contains("INTERNAL");

            HttpResponse list = send(app, "GET", "/workflow/runs", admin);
            assertThat(list.status()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(list.body()).path("items").get(0).path("id").asText())
                    .isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        }
    }

    @Test
    void aTenantAdminsRunCoversTheirTenantOnlyAndAdminsSeeTheirTenantsShareOfEveryRun() throws Exception {
        try (ConfigurableApplicationContext app = start("off")) {
            TicketStore store = app.getBean(TicketStore.class);
            Seeded seeded = seed(store);
            String acmeAdmin = token(app, Role.ADMIN, "acme");
            String globexAdmin = token(app, Role.ADMIN, "globex");
            String operator = token(app, Role.OPERATOR, "ops");

            HttpResponse started = send(app, "POST", "/workflow/runs", acmeAdmin);
            assertThat(started.status()).as(started.bodyText()).isEqualTo(202);
            String acmeRun = started.headers().first("Location").orElseThrow();
            JsonNode run = awaitFinished(app, acmeRun, acmeAdmin);
            assertThat(run.path("tenant").asText()).isEqualTo("acme");
            assertThat(run.path("steps").path("ESCALATE").path("applied").asInt()).as(run.toString()).isEqualTo(1);
            assertThat(run.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isZero();
            assertThat(store.find("globex", seeded.close().id()).orElseThrow().status())
                    .as("another tenant's ticket is not the acme admin's to close").isEqualTo(TicketStatus.RESOLVED);
            assertThat(send(app, "GET", acmeRun, globexAdmin).status()).isEqualTo(404);

            String allTenants = send(app, "POST", "/workflow/runs", operator).headers().first("Location").orElseThrow();
            JsonNode whole = awaitFinished(app, allTenants, operator);
            assertThat(whole.path("tenant").isNull()).isTrue();
            assertThat(whole.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isEqualTo(1);
            JsonNode acmeShare = Json.MAPPER.readTree(send(app, "GET", allTenants, acmeAdmin).body());
            assertThat(acmeShare.path("steps").path("AUTO_CLOSE").path("applied").asInt()).as(acmeShare.toString()).isZero();
            JsonNode globexShare = Json.MAPPER.readTree(send(app, "GET", allTenants, globexAdmin).body());
            assertThat(globexShare.path("steps").path("AUTO_CLOSE").path("applied").asInt()).isEqualTo(1);
            assertThat(Json.MAPPER.readTree(send(app, "GET", "/workflow/runs", globexAdmin).body()).path("items"))
                    .extracting(item -> item.path("id").asText())
                    .containsExactly(allTenants.substring(allTenants.lastIndexOf('/') + 1));
        }
    }

    @Test
    void aStartIsRefusedWhileARunOverTheSameTicketsIsInFlight() throws Exception {
        try (ConfigurableApplicationContext app = start("off")) {
            WorkflowRuns runs = app.getBean(WorkflowRuns.class);
            WorkflowRuns.RunRef globexRun = runs.manualFor("globex");
            runs.create(globexRun);

            HttpResponse acme = send(app, "POST", "/workflow/runs", token(app, Role.ADMIN, "acme"));
            assertThat(acme.status()).as("other tickets: " + acme.bodyText()).isEqualTo(202);
            awaitFinished(app, acme.headers().first("Location").orElseThrow(), token(app, Role.ADMIN, "acme"));
            for (String token : List.of(token(app, Role.ADMIN, "globex"), token(app, Role.OPERATOR, "ops"))) {
                HttpResponse refused = send(app, "POST", "/workflow/runs", token);
                assertThat(refused.status()).as(refused.bodyText()).isEqualTo(409);
                assertThat(refused.headers().first("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(refused.bodyText()).contains("workflow run '" + globexRun.runId() + "' is still running");
            }
        }
    }

    @Test
    void onlyOperatorsAndAdminsMaySeeOrStartRuns() {
        try (ConfigurableApplicationContext app = start("off")) {
            for (Role role : List.of(Role.AGENT, Role.CUSTOMER)) {
                for (String[] call : List.of(new String[] {"GET", "/workflow/runs"}, new String[] {"POST", "/workflow/runs"},
                        new String[] {"GET", "/workflow/runs/20260101T000000Z-schedule"})) {
                    HttpResponse refused = send(app, call[0], call[1], token(app, role));
                    assertThat(refused.status()).as(role + " " + call[0] + " " + call[1]).isEqualTo(403);
                    assertThat(refused.headers().first("Content-Type").orElseThrow()).startsWith("application/problem+json");
                    assertThat(refused.bodyText()).contains("only operators and admins");
                }
            }
            assertThat(send(app, "GET", "/workflow/runs", null).status()).isEqualTo(401);
            String admin = token(app, Role.ADMIN);
            assertThat(send(app, "GET", "/workflow/runs/20260101T000000Z-schedule", admin).status()).isEqualTo(404);
            assertThat(send(app, "GET", "/workflow/runs/not-a-run", admin).status()).isEqualTo(404);
            HttpResponse withBody = LocalHttp.send(port(app), HttpRequest.builder("POST", "/workflow/runs")
                    .header("Authorization", "Bearer " + admin).jsonBody("{\"all\":true}").build());
            assertThat(withBody.status()).isEqualTo(400);
            assertThat(app.getBean(dev.supportdesk.workflow.WorkflowRuns.class).latest(10)).isEmpty();
        }
    }

    @Test
    void theScheduleRunsTheWorkflowByItself() throws Exception {
        try (ConfigurableApplicationContext app = start("1s")) {
            TicketStore store = app.getBean(TicketStore.class);
            Seeded seeded = seed(store);
            String admin = token(app, Role.OPERATOR); // the closed ticket is globex's: an acme admin's share has none
            JsonNode scheduled = null;
            for (int i = 0; i < 600 && scheduled == null; i++) {
                for (JsonNode run : Json.MAPPER.readTree(send(app, "GET", "/workflow/runs?limit=100", admin).body()).path("items")) {
                    if (run.path("trigger").asText().equals("SCHEDULE") && run.path("status").asText().equals("SUCCEEDED")
                            && run.path("steps").path("AUTO_CLOSE").path("applied").asInt() == 1) {
                        scheduled = run;
                    }
                }
                Thread.sleep(50);
            }
            assertThat(scheduled).as("a scheduled run that closed the ticket").isNotNull();
            assertThat(scheduled.path("id").asText()).endsWith("-schedule");
            assertThat(store.find("globex", seeded.close().id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(store.find("acme", seeded.escalate().id()).orElseThrow().priority()).isEqualTo(Priority.HIGH);
        }
    }
}
