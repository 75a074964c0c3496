package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The per-caller rate limit over real HTTP, with a small bucket (3 requests, then one every 10 s):
 * the fourth request of a caller is a 429 problem with Retry-After; another caller, and an
 * anonymous caller (counted by peer address), still have their own buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportdesk.local.data-dir=target/test-data/rate-limit-${random.uuid}",
        "supportdesk.local.rate-limit.requests-per-second=0.1",
        "supportdesk.local.rate-limit.burst=3"})
class LocalRateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    private HttpResponse list(String subject) {
        HttpRequest.Builder request = HttpRequest.builder("GET", "/tickets");
        if (subject != null) {
            request.header("Authorization", "Bearer "
                    + minter.mint(subject, "acme", List.of(Role.AGENT), Duration.ofMinutes(5)).token());
        }
        return LocalHttp.send(port, request.build());
    }

    @Test
    void aCallerOverItsBurstGets429WithRetryAfterWhileOthersAreServed() {
        for (int i = 0; i < 3; i++) {
            assertThat(list("ann").status()).isEqualTo(200);
        }

        HttpResponse refused = list("ann");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().first("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertThat(refused.bodyText()).contains("\"status\":429").contains("too-many-requests");
        assertThat(list("bob").status()).as("another subject has its own bucket").isEqualTo(200);
    }

    @Test
    void anonymousCallersAreCountedByPeerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(list(null).status()).isEqualTo(401);
        }
        assertThat(list(null).status()).isEqualTo(429);
        assertThat(list("carol").status()).as("a valid token is counted by its subject, not the address").isEqualTo(200);
    }
}
