package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.identity.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An Azurite process of its own, persisting to disk, really stopped (SIGTERM) and started again on the
 * same ports while a caller keeps creating tickets through the HTTP function: while it is gone every
 * request answers a 503 problem with Retry-After within the policy's bound (never a 500); once it is
 * back the same function instance, with the same clients, serves again, and every acknowledged ticket
 * is there.
 */
class AzuriteRestartTest {

    private static final Duration BOUND = Duration.ofSeconds(12);

    private Process azurite;
    private ConfigurableApplicationContext context;

    private record Answer(int status, String location, String retryAfter, String contentType, Duration took) {
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (azurite != null) {
            Emulators.stopAzurite(azurite);
        }
    }

    @Test
    void requestsDuringAnAzuriteRestartAre503sAndTheSameInstanceServesAgainWithEveryAcknowledgedTicket()
            throws Exception {
        Path location = Path.of("target", "azurite-restart-" + UUID.randomUUID().toString().substring(0, 8));
        int blobPort = Emulators.freePort();
        int queuePort = Emulators.freePort();
        int tablePort = Emulators.freePort();
        azurite = Emulators.startAzurite(location, false, blobPort, queuePort, tablePort);
        String connectionString = Emulators.connectionString(blobPort, queuePort, tablePort);
        Emulators.prepare(connectionString, "ocr-restart");
        context = AzureRuntime.start(Emulators.properties(connectionString, "ocr-restart"));
        HttpApiFunction http = new HttpApiFunction(context);
        ApiClient api = new ApiClient(request -> FakeFunctionsHostRequest.toNeutral(http.run(FakeFunctionsHostRequest.of(request))));
        String agent = TestTokens.token("agent-3", "restart", Role.AGENT);

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread caller = Thread.ofPlatform().name("restart-caller").start(() -> {
            int n = 0;
            while (running.get()) {
                long start = System.nanoTime();
                ApiClient.Reply reply = api.post("/tickets", agent,
                        "{\"subject\":\"during restart " + n++ + "\",\"description\":\"d\"}");
                answers.add(new Answer(reply.status(), reply.header("Location"), reply.header("Retry-After"),
                        reply.header("Content-Type"), Duration.ofNanos(System.nanoTime() - start)));
                pause();
            }
        });

        awaitAnswers(answers, 201, 5);
        Emulators.stopAzurite(azurite);
        long stoppedAt = System.nanoTime();
        awaitAnswers(answers, 503, 3);
        azurite = Emulators.startAzurite(location, false, blobPort, queuePort, tablePort);
        Duration downFor = Duration.ofNanos(System.nanoTime() - stoppedAt);
        int beforeRestart = count(answers, 201);
        awaitAnswers(answers, 201, beforeRestart + 5);
        running.set(false);
        caller.join(BOUND.toMillis());

        List<Answer> all = new ArrayList<>(answers);
        System.out.printf("restart: %d requests, %d x 201, %d x 503, Azurite down %d ms, slowest answer %d ms%n",
                all.size(), count(answers, 201), count(answers, 503), downFor.toMillis(),
                all.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0));
        assertThat(all).as("each answer a created ticket or a 503, never a 500")
                .allSatisfy(a -> assertThat(a.status()).isIn(201, 503));
        assertThat(all).filteredOn(a -> a.status() == 503).allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("5");
            assertThat(a.contentType()).isEqualTo("application/problem+json");
        });
        assertThat(all).as("every answer within the policy's bound").allSatisfy(a -> assertThat(a.took()).isLessThan(BOUND));

        Set<String> acknowledged = new TreeSet<>();
        all.stream().filter(a -> a.status() == 201).forEach(a -> acknowledged.add(a.location()));
        assertThat(acknowledged).hasSizeLessThan(100);
        Set<String> stored = new TreeSet<>();
        api.get("/tickets?limit=100", agent).json().path("items")
                .forEach(item -> stored.add("/tickets/" + item.path("id").asText()));
        assertThat(stored).as("every acknowledged ticket survived the restart").containsAll(acknowledged);
        assertThat(stored.size() - acknowledged.size())
                .as("anything more is a request that answered 503 (its write landed as Azurite went down)")
                .isLessThanOrEqualTo(count(answers, 503));
    }

    /** A caller's pace, so that one list page holds every ticket of the run. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(ConcurrentLinkedQueue<Answer> answers, int status) {
        return (int) answers.stream().filter(a -> a.status() == status).count();
    }

    private static void awaitAnswers(ConcurrentLinkedQueue<Answer> answers, int status, int atLeast)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(answers, status) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " answers " + status + " within 60 s: " + answers);
            }
            Thread.sleep(20);
        }
    }
}
