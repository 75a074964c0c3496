package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.clients.AwsClientPolicy;
import dev.supportdesk.aws.runtime.DynamoDbLocalServer;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.testing.CallerDuringOutage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as a server on disk, really stopped (its port closed) and started again on the same
 * port while a caller keeps creating tickets through the API handler, whose DynamoDB client has the
 * production {@link AwsClientPolicy#STORE}: while it is gone every request answers a 503 problem with
 * Retry-After within the policy's bound (never a 500); once it is back the same handler and client
 * serve again, and every acknowledged ticket is stored.
 */
class DynamoDbLocalRestartTest {

    /** The policy's 5 s per call, and the handler's own work on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(8);
    private static final String TABLE = "supportdesk-restart";

    private static DynamoDbLocalServer server;
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    /** The emulators' clients, but DynamoDB on the restartable server with the production policy. */
    @Configuration(proxyBeanMethods = false)
    static class RestartableDynamoDb extends Emulators.Clients {

        @Override
        @Bean(destroyMethod = "close")
        DynamoDbClient dynamoDbClient() {
            return Emulators.dynamoDb(server.endpoint(), AwsClientPolicy.STORE);
        }
    }

    @Test
    void requestsDuringARestartAre503sAndTheSameInstanceServesAgainWithEveryAcknowledgedTicket() throws Exception {
        server = DynamoDbLocalServer.startOnDisk(Path.of("target", "dynamodb-restart-" + UUID.randomUUID().toString().substring(0, 8)));
        try (DynamoDbClient direct = server.client()) {
            Emulators.createTable(direct, TABLE);
        }
        context = AwsRuntime.start(Emulators.properties(TABLE), RestartableDynamoDb.class);
        ApiGatewaySimulator gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        String agent = "Bearer " + ApiGatewaySimulator.idToken("agent-2", "restart", Role.AGENT);

        CallerDuringOutage caller = new CallerDuringOutage(n -> gateway.send(HttpRequest.builder("POST", "/tickets")
                .header("Authorization", agent)
                .jsonBody("{\"subject\":\"during restart " + n + "\",\"description\":\"d\",\"priority\":\"LOW\"}")
                .build()), Duration.ofMillis(50));
        caller.awaitAnswers(201, 5);
        server.stop();
        long stoppedAt = System.nanoTime();
        caller.awaitAnswers(503, 3);
        server.restart();
        Duration downFor = Duration.ofNanos(System.nanoTime() - stoppedAt);
        caller.awaitAnswers(201, caller.count(201) + 5);
        caller.close();

        Set<String> stored = new TreeSet<>();
        byte[] list = gateway.send(HttpRequest.builder("GET", "/tickets").rawQuery("limit=100")
                .header("Authorization", agent).build()).body();
        Json.MAPPER.readTree(list).path("items").forEach(item -> stored.add("/tickets/" + item.path("id").asText()));
        System.out.printf("DynamoDB Local restart: %s; down %d ms; %d tickets stored%n", caller.summary(201),
                downFor.toMillis(), stored.size());
        caller.assertOnlySuccessOr503WithRetryAfterWithin(201, BOUND);
        assertThat(caller.count(201)).as("one list page holds them all").isLessThan(100);
        caller.assertStoredEveryAcknowledged(201, stored);
    }
}
