package dev.supportdesk.http;

import dev.supportdesk.json.Json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.Identity;
import dev.supportdesk.identity.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router(List.of(
            Route.publicRoute("GET", "/things/{id}", call -> HttpResponse.json(200, Json.object().put("id", call.path("id")))),
            Route.authenticated("POST", "/things", call -> HttpResponse.json(201, Json.object().put("by", call.identity().subject()))),
            Route.publicRoute("GET", "/boom", call -> {
                throw new IllegalStateException("secret internals");
            })), 10);

    private static HttpRequest request(String method, String path) {
        return HttpRequest.builder(method, path).build();
    }

    @Test
    void pathVariablesArePercentDecodedPerSegment() {
        HttpResponse response = router.apply(request("GET", "/things/a%2Fb%20c"));
        assertThat(response.bodyText()).isEqualTo("{\"id\":\"a/b c\"}");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        assertThat(router.apply(request("GET", "/nope")).status()).isEqualTo(404);
        assertThat(router.apply(request("GET", "/things/1/extra")).status()).isEqualTo(404);
        assertThat(router.apply(request("GET", "/things/")).status()).isEqualTo(404);
        HttpResponse wrong = router.apply(request("DELETE", "/things/1"));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().first("Allow")).hasValue("GET");
    }

    @Test
    void authenticatedRoutesRefuseAnonymousCallersWithTheReason() {
        HttpResponse response = router.apply(HttpRequest.builder("POST", "/things")
                .caller(Caller.anonymous("the token has expired")).build());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().first("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.bodyText()).contains("the token has expired");
    }

    @Test
    void authenticatedRoutesSeeTheIdentity() {
        HttpResponse response = router.apply(HttpRequest.builder("POST", "/things")
                .caller(Caller.authenticated(new Identity("ann", "acme", Set.of(Role.AGENT)))).build());
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.bodyText()).contains("ann");
    }

    @Test
    void bodiesOverTheLimitAre413() {
        HttpResponse response = router.apply(HttpRequest.builder("POST", "/things")
                .caller(Caller.authenticated(new Identity("ann", "acme", Set.of(Role.AGENT))))
                .body(new byte[11]).build());
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void unexpectedFailuresBecomeA500ProblemWithoutInternals() {
        HttpResponse response = router.apply(request("GET", "/boom"));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).contains("reference").doesNotContain("secret internals").doesNotContain("Exception");
    }
}
