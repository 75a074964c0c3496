package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.identity.Role;
import dev.supportdesk.testing.CallerDuringOutage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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

        CallerDuringOutage caller = new CallerDuringOutage(n -> api.post("/tickets", agent,
                "{\"subject\":\"during restart " + n + "\",\"description\":\"d\"}").response(), Duration.ofMillis(50));
        caller.awaitAnswers(201, 5);
        Emulators.stopAzurite(azurite);
        long stoppedAt = System.nanoTime();
        caller.awaitAnswers(503, 3);
        azurite = Emulators.startAzurite(location, false, blobPort, queuePort, tablePort);
        Duration downFor = Duration.ofNanos(System.nanoTime() - stoppedAt);
        caller.awaitAnswers(201, caller.count(201) + 5);
        caller.close();

        Set<String> stored = new TreeSet<>();
        api.get("/tickets?limit=100", agent).json().path("items")
                .forEach(item -> stored.add("/tickets/" + item.path("id").asText()));
        System.out.printf("Azurite restart: %s; down %d ms until it listened again; %d tickets stored%n",
                caller.summary(201), downFor.toMillis(), stored.size());
        caller.assertOnlySuccessOr503WithRetryAfterWithin(201, BOUND);
        assertThat(caller.count(201)).as("one list page holds them all").isLessThan(100);
        caller.assertStoredEveryAcknowledged(201, stored);
    }
}
