package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The HTTP API of {@code sam/template.yaml} sends every operation of the API contract to the function
 * that serves it, and nothing to a function that does not.
 *
 * <p>Which function serves what is derived from the code ({@link DeployedCode#operations}: the
 * routers the handlers' Spring configurations build from their families' {@code RouteSet}s). Which
 * route API Gateway picks for a request follows the HTTP API developer guide ("Create routes for HTTP
 * APIs", route evaluation): a full match of route and method first, then a greedy path variable
 * ({@code {proxy+}}), then {@code $default}; a route with a method wins over {@code ANY} on the same
 * path ("ANY ... match all methods that you haven't defined for a resource"); literal segments are more
 * specific than path variables ({@code GET /pets/dog/1} over {@code GET /pets/dog/{id}}); no match is
 * API Gateway's own {@code 404 {"message":"Not Found"}}.
 */
class HttpApiRoutesTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** One HttpApi event of a function: METHOD (or ANY) and path template, and whether it has the JWT authorizer. */
    record ApiRoute(String function, String method, String path, boolean authorized) {
    }

    private static Map<String, Object> template;
    private static List<ApiRoute> routes;
    /** function → the "METHOD /template" operations its code serves. */
    private static Map<String, Set<String>> served;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        routes = new ArrayList<>();
        served = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((name, resource) -> {
            Map<String, Object> properties = map(map(resource).get("Properties"));
            if (!"AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                return;
            }
            map(properties.get("Events")).forEach((eventName, event) -> {
                if ("HttpApi".equals(map(event).get("Type"))) {
                    Map<String, Object> p = map(map(event).get("Properties"));
                    assertThat(p.get("ApiId")).as("%s.%s ApiId", name, eventName).isEqualTo(Map.of("Ref", "HttpApi"));
                    String authorizer = String.valueOf(map(p.get("Auth")).getOrDefault("Authorizer", "CognitoJwt"));
                    routes.add(new ApiRoute(name, String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(),
                            String.valueOf(p.getOrDefault("Path", "$default")), !"NONE".equals(authorizer)));
                }
            });
            if (routes.stream().anyMatch(r -> r.function().equals(name))) {
                Class<?> handler = DeployedCode.handlerClass(properties, globals);
                served.put(name, DeployedCode.operations(DeployedCode.configurationOf(handler)));
            }
        });
        assertThat(served).containsKeys("ApiFunction", "PredictFunction");
    }

    @Test
    void theCodeDerivationKnowsWhichFunctionServesWhat() {
        assertThat(served.get("ApiFunction")).contains("GET /health", "POST /tickets", "PATCH /tickets/{id}",
                "POST /workflow/runs", "GET /workflow/runs/{id}").noneMatch(o -> o.contains("/models"));
        assertThat(served.get("PredictFunction")).contains("GET /models", "POST /models/{name}/predict", "GET /metrics")
                .noneMatch(o -> o.contains("/tickets"));
    }

    @Test
    void everyOperationOfTheContractReachesAFunctionThatServesIt() throws IOException {
        Set<String> contract = contractOperations();
        Set<String> servedSomewhere = new TreeSet<>();
        served.values().forEach(servedSomewhere::addAll);
        assertThat(servedSomewhere).as("operations the deployed functions serve vs openapi.yaml").containsAll(contract);

        SoftAssertions.assertSoftly(softly -> {
            for (String operation : contract) {
                String method = operation.substring(0, operation.indexOf(' '));
                String path = concrete(operation.substring(operation.indexOf(' ') + 1), 0);
                Optional<ApiRoute> route = select(method, path);
                softly.assertThat(route).as("%s (as %s %s): API Gateway has no route for it, answers 404", operation, method, path)
                        .isPresent();
                route.ifPresent(r -> softly.assertThat(served.get(r.function()))
                        .as("%s goes to %s (route %s %s), which does not serve it", operation, r.function(), r.method(), r.path())
                        .contains(operation));
            }
        });
    }

    @Test
    void noRouteSendsAFunctionARequestItDoesNotServe() {
        SoftAssertions.assertSoftly(softly -> {
            for (ApiRoute route : routes) {
                List<String> methods = route.method().equals("ANY") ? METHODS : List.of(route.method());
                for (String method : methods) {
                    for (int extra : route.path().contains("+}") ? List.of(1, 4) : List.of(0)) {
                        String path = concrete(route.path(), extra);
                        Optional<ApiRoute> selected = select(method, path);
                        if (selected.isEmpty() || !selected.get().equals(route)) {
                            continue; // a more specific route takes this request
                        }
                        softly.assertThat(serves(route.function(), method, path))
                                .as("%s %s matches route %s %s of %s, which serves no such operation (%s)", method, path,
                                        route.method(), route.path(), route.function(), served.get(route.function()))
                                .isTrue();
                    }
                }
            }
        });
    }

    @Test
    void onlyThePublicOperationGoesWithoutTheAuthorizerAndAPreflightMeetsNoAuthorizer() {
        assertThat(routes.stream().filter(r -> !r.authorized()).map(r -> r.method() + " " + r.path()).toList())
                .as("routes without the JWT authorizer").containsExactly("GET /health");
        // A CORS preflight (OPTIONS, no Authorization header) that matched an authorized ANY, OPTIONS or
        // $default route would be refused by the authorizer instead of answered by API Gateway's CORS.
        assertThat(routes).as("routes a preflight could match").noneMatch(r -> r.authorized()
                && (r.method().equals("ANY") || r.method().equals("OPTIONS") || r.path().equals("$default")));
    }

    // ------------------------------------------------------------------ API Gateway route selection

    static Optional<ApiRoute> select(String method, String path) {
        return routes.stream()
                .filter(r -> !r.path().equals("$default") && matches(r.path(), path))
                .filter(r -> r.method().equals(method) || r.method().equals("ANY"))
                .min(Comparator.<ApiRoute>comparingInt(r -> r.path().contains("+}") ? 1 : 0)
                        .thenComparing(r -> specificity(r.path()), Comparator.reverseOrder())
                        .thenComparingInt(r -> r.method().equals("ANY") ? 1 : 0))
                .or(() -> routes.stream().filter(r -> r.path().equals("$default")).findFirst());
    }

    /** Literal segments first: "1" for a literal, "0" for a variable, per segment, compared as text. */
    private static String specificity(String template) {
        StringBuilder key = new StringBuilder();
        for (String segment : segments(template)) {
            key.append(segment.startsWith("{") ? '0' : '1');
        }
        return key.toString();
    }

    static boolean matches(String template, String path) {
        List<String> t = segments(template);
        List<String> p = segments(path);
        for (int i = 0; i < t.size(); i++) {
            String segment = t.get(i);
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                return p.size() > i; // one or more remaining segments
            }
            if (i >= p.size()) {
                return false;
            }
            if (!segment.startsWith("{") && !segment.equals(p.get(i))) {
                return false;
            }
        }
        return t.size() == p.size();
    }

    private static boolean serves(String function, String method, String path) {
        return served.get(function).stream().anyMatch(operation -> operation.startsWith(method + " ")
                && matches(operation.substring(operation.indexOf(' ') + 1), path));
    }

    /** A request path for a template: each variable a sample value, a greedy one {@code extra} segments deep. */
    static String concrete(String template, int extra) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments(template)) {
            if (segment.endsWith("+}")) {
                for (int i = 0; i < extra; i++) {
                    path.append("/deep").append(i);
                }
            } else {
                path.append('/').append(segment.startsWith("{") ? "sample-" + segment.substring(1, segment.length() - 1) : segment);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    /** "METHOD /template" for every operation of functions/common's openapi.yaml, the API contract. */
    @SuppressWarnings("unchecked")
    static Set<String> contractOperations() throws IOException {
        Set<String> operations = new TreeSet<>();
        try (InputStream in = HttpApiRoutesTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml (functions-common) on the classpath").isNotNull();
            Map<String, Object> document = new Yaml().load(in);
            map(document.get("paths")).forEach((path, item) -> map(item).keySet().forEach(key -> {
                if (METHODS.contains(key.toUpperCase()) || key.equals("trace")) {
                    operations.add(key.toUpperCase() + " " + path);
                }
            }));
        }
        assertThat(operations).as("operations in openapi.yaml").isNotEmpty();
        return operations;
    }
}
