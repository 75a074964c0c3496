package dev.supportdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.ports.TransientFailures;
import dev.supportdesk.telemetry.Telemetry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A dependency that does not answer is a 503 problem with Retry-After, never a 500. */
class RouterUnavailableTest {

    /** Stands in for an SDK's timeout exception, which the core cannot name. */
    static final class StoreTimedOut extends RuntimeException {
        StoreTimedOut() {
            super("the store did not answer within 2 s");
        }
    }

    private final List<Route> routes = List.of(
            Route.publicRoute("GET", "/slow", call -> {
                throw new StoreTimedOut();
            }),
            Route.publicRoute("GET", "/model", call -> {
                throw new Unavailable("model 'wine' is loading");
            }));

    private final TransientFailures timeouts = failure -> failure instanceof StoreTimedOut
            ? Optional.of(new Unavailable("the ticket store is not answering; try again shortly", Duration.ofSeconds(2)))
            : Optional.empty();

    private static HttpResponse get(Router router, String path) {
        return router.apply(HttpRequest.builder("GET", path).build());
    }

    @Test
    void aTransientFailureIsA503ProblemWithTheRuntimesRetryAfter() {
        HttpResponse response = get(new Router(routes, 1024, Telemetry.noop(), timeouts), "/slow");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(response.headers().first("Retry-After")).hasValue("2");
        assertThat(response.bodyText()).contains("service-unavailable").contains("not answering");
    }

    @Test
    void unavailableFromABusinessRuleCarriesTheDefaultRetryAfter() {
        HttpResponse response = get(new Router(routes, 1024), "/model");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).hasValue("5");
    }

    @Test
    void aFailureTheRuntimeDoesNotCallTransientStaysA500() {
        assertThat(get(new Router(routes, 1024), "/slow").status()).isEqualTo(500);
    }
}
