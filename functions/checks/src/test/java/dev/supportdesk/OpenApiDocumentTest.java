package dev.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.config.HealthRoutes;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.http.Router;
import dev.supportdesk.predict.PredictMetrics;
import dev.supportdesk.predict.PredictRoutes;
import dev.supportdesk.tickets.TicketRoutes;
import dev.supportdesk.workflow.WorkflowRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code openapi.yaml} from drifting away from the router: the same routes, the same
 * authentication, and the problem responses every route can produce.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final String HEALTH = "GET /health";

    private static Map<String, Object> document;

    /** One operation of the document: its signature ("METHOD /template"), path item and operation object. */
    private record Operation(String signature, String template, Map<String, Object> pathItem,
                             Map<String, Object> operation) {
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            document = new Yaml().load(in);
        }
        assertThat(document).as("openapi.yaml content").isNotNull();
    }

    @Test
    void isAnOpenApi31Document() {
        assertThat(document.get("openapi")).as("openapi version").isEqualTo("3.1.0");
        Map<String, Object> info = map(document.get("info"), "info");
        assertThat(info.get("title")).isEqualTo("supportdesk API");
        assertThat(info.get("version")).isEqualTo("0.1.0");
    }

    @Test
    void documentsExactlyTheRoutesOfTheRouter() {
        Set<String> routed = new TreeSet<>(everyRoute().signatures());
        Set<String> documented = new TreeSet<>();
        operations().forEach(operation -> documented.add(operation.signature()));

        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);

        assertThat(undocumented)
                .as("routes served by the router of every family but missing from openapi.yaml (add them to the document)")
                .isEmpty();
        assertThat(unrouted)
                .as("operations in openapi.yaml that the router of every family does not serve (remove them or add the route)")
                .isEmpty();
        assertThat(documented).as("documented operations").isEqualTo(routed);
    }

    @Test
    void everyOperationIdIsPresentAndUnique() {
        List<String> ids = new ArrayList<>();
        for (Operation operation : operations()) {
            Object id = operation.operation().get("operationId");
            assertThat(id).as("operationId of " + operation.signature()).isInstanceOf(String.class);
            assertThat((String) id).as("operationId of " + operation.signature()).isNotBlank();
            ids.add((String) id);
        }
        assertThat(ids).as("operationIds").doesNotHaveDuplicates();
    }

    @Test
    void everyOperationButHealthNeedsABearerToken() {
        Map<String, Object> schemes = map(map(document.get("components"), "components").get("securitySchemes"),
                "components.securitySchemes");
        Map<String, Object> bearer = map(schemes.get("bearerAuth"), "components.securitySchemes.bearerAuth");
        assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer")
                .containsEntry("bearerFormat", "JWT");

        List<Object> global = list(document.get("security"), "global security");
        assertThat(global).as("global security requirements").isNotEmpty();
        for (Object requirement : global) {
            assertThat(map(requirement, "global security requirement")).containsKey("bearerAuth");
        }

        for (Operation operation : operations()) {
            Map<String, Object> op = operation.operation();
            if (operation.signature().equals(HEALTH)) {
                assertThat(op).as(HEALTH + " must declare its own security").containsKey("security");
                assertThat(list(op.get("security"), HEALTH + " security"))
                        .as(HEALTH + " must override the global security with security: []").isEmpty();
            } else {
                List<Object> effective = op.containsKey("security")
                        ? list(op.get("security"), operation.signature() + " security") : global;
                assertThat(effective)
                        .as(operation.signature() + " must require a bearer token (the router authenticates it)")
                        .isNotEmpty();
            }
        }
    }

    @Test
    void authenticatedOperationsDeclare401AndBodiesDeclare400And413And415() {
        for (Operation operation : operations()) {
            Set<String> statuses = responseCodes(operation);
            if (operation.signature().equals(HEALTH)) {
                assertThat(statuses).as(HEALTH + " is public and cannot answer 401").doesNotContain("401");
            } else {
                assertThat(statuses).as("responses of " + operation.signature()).contains("401");
                Map<String, Object> unauthorized = resolve(map(responses(operation).get("401"),
                        operation.signature() + " 401"));
                assertThat(map(unauthorized.get("headers"), operation.signature() + " 401 headers"))
                        .as("401 of " + operation.signature() + " carries WWW-Authenticate")
                        .containsKey("WWW-Authenticate");
            }
            if (operation.operation().containsKey("requestBody")) {
                assertThat(statuses).as("responses of " + operation.signature() + ", which takes a body")
                        .contains("400", "413", "415");
            }
        }
    }

    @Test
    void everyOperationDeclares429And503WithRetryAfter() {
        for (Operation operation : operations()) {
            assertThat(responseCodes(operation))
                    .as("responses of " + operation.signature()
                            + " (every route is rate-limited and every runtime answers 503 when a store is down)")
                    .contains("429", "503");
            for (String code : List.of("429", "503")) {
                Map<String, Object> response = resolve(map(responses(operation).get(code),
                        operation.signature() + " " + code));
                assertThat(map(response.get("headers"), operation.signature() + " " + code + " headers"))
                        .as(code + " of " + operation.signature() + " carries Retry-After")
                        .containsKey("Retry-After");
                assertThat(map(response.get("content"), operation.signature() + " " + code + " content"))
                        .as(code + " of " + operation.signature() + " is a problem")
                        .containsOnlyKeys("application/problem+json");
            }
        }
    }

    @Test
    void problemResponsesAreSharedAndUseProblemJson() {
        Map<String, Object> components = map(document.get("components"), "components");
        Map<String, Object> shared = map(components.get("responses"), "components.responses");
        Set<String> sharedStatuses = new TreeSet<>();
        for (Map.Entry<String, Object> entry : shared.entrySet()) {
            Map<String, Object> content = map(map(entry.getValue(), entry.getKey()).get("content"),
                    "components.responses." + entry.getKey() + ".content");
            assertThat(content).as("components.responses." + entry.getKey() + " media types")
                    .containsOnlyKeys("application/problem+json");
            Map<String, Object> example = map(map(content.get("application/problem+json"), entry.getKey())
                    .get("example"), entry.getKey() + " example");
            sharedStatuses.add(String.valueOf(example.get("status")));
        }
        assertThat(sharedStatuses).contains("400", "401", "403", "404", "405", "409", "412", "413", "415", "429",
                "503");

        for (Operation operation : operations()) {
            responses(operation).forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(map(response, operation.signature() + " " + code))
                            .as(operation.signature() + " " + code + " must $ref a shared problem response")
                            .containsOnlyKeys("$ref");
                }
            });
        }
    }

    @Test
    void everyPathVariableIsDeclaredAsARequiredPathParameter() {
        for (Operation operation : operations()) {
            Set<String> variables = new LinkedHashSet<>();
            Matcher matcher = TEMPLATE_VARIABLE.matcher(operation.template());
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
            for (Map<String, Object> parameter : parameters(operation)) {
                if ("path".equals(parameter.get("in"))) {
                    declared.put((String) parameter.get("name"), parameter);
                }
            }
            assertThat(declared.keySet())
                    .as("path parameters of " + operation.signature() + " (operation or path item)")
                    .containsExactlyInAnyOrderElementsOf(variables);
            declared.forEach((name, parameter) -> assertThat(parameter.get("required"))
                    .as("path parameter '" + name + "' of " + operation.signature() + " must be required")
                    .isEqualTo(true));
        }
    }

    @Test
    void requestBodiesAreClosedObjectsWithRequiredFieldsAndLimits() {
        for (Operation operation : operations()) {
            if (!operation.operation().containsKey("requestBody")) {
                continue;
            }
            Map<String, Object> body = resolve(map(operation.operation().get("requestBody"),
                    operation.signature() + " requestBody"));
            assertThat(body.get("required")).as(operation.signature() + " requestBody.required").isEqualTo(true);
            Map<String, Object> content = map(body.get("content"), operation.signature() + " requestBody.content");
            assertThat(content).as(operation.signature() + " request media types").containsKey("application/json");
            Map<String, Object> schema = resolve(map(map(content.get("application/json"), "media type")
                    .get("schema"), operation.signature() + " request schema"));
            assertThat(schema).as(operation.signature() + " request schema")
                    .containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
            Map<String, Object> properties = map(schema.get("properties"), operation.signature() + " properties");
            properties.forEach((name, property) -> {
                Map<String, Object> resolved = resolve(map(property, name));
                if (isString(resolved.get("type")) && !resolved.containsKey("enum")) {
                    assertThat(resolved).as("string field '" + name + "' of " + operation.signature()
                            + " needs the maxLength the handler enforces").containsKey("maxLength");
                }
            });
        }
    }

    @Test
    void patchTakesAnOptionalIfMatchHeader() {
        Operation patch = operations().stream().filter(op -> op.signature().equals("PATCH /tickets/{id}"))
                .findFirst().orElseThrow(() -> new AssertionError("PATCH /tickets/{id} is not documented"));
        assertThat(parameters(patch)).as("parameters of PATCH /tickets/{id}")
                .anySatisfy(parameter -> assertThat(parameter)
                        .containsEntry("in", "header").containsEntry("name", "If-Match"));
        assertThat(responseCodes(patch)).contains("200", "409", "412");
    }

    // ---------------------------------------------------------------------------------------

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = map(document.get("paths"), "paths");
        assertThat(paths).as("paths").isNotEmpty();
        paths.forEach((template, item) -> {
            Map<String, Object> pathItem = map(item, "paths." + template);
            pathItem.forEach((key, value) -> {
                if (HTTP_METHODS.contains(key)) {
                    operations.add(new Operation(key.toUpperCase(java.util.Locale.ROOT) + " " + template, template,
                            pathItem, map(value, key + " " + template)));
                }
            });
        });
        return operations;
    }

    /** Parameters of the path item, overridden by the operation's own (same name and location). */
    private static List<Map<String, Object>> parameters(Operation operation) {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(operation.pathItem(), operation.operation())) {
            if (source.containsKey("parameters")) {
                for (Object raw : list(source.get("parameters"), operation.signature() + " parameters")) {
                    Map<String, Object> parameter = resolve(map(raw, operation.signature() + " parameter"));
                    merged.put(parameter.get("in") + ":" + parameter.get("name"), parameter);
                }
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static Map<String, Object> responses(Operation operation) {
        Object responses = operation.operation().get("responses");
        assertThat(responses).as(operation.signature() + " responses").isInstanceOf(Map.class);
        Map<String, Object> byCode = new LinkedHashMap<>();
        // status codes may be unquoted in YAML and then load as integers
        ((Map<?, ?>) responses).forEach((code, response) -> byCode.put(String.valueOf(code), response));
        return byCode;
    }

    private static Set<String> responseCodes(Operation operation) {
        return new TreeSet<>(responses(operation).keySet());
    }

    /** Follows local {@code $ref}s ("#/components/...") until a real object is reached. */
    private static Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> current = node;
        for (int hops = 0; current.containsKey("$ref"); hops++) {
            assertThat(hops).as("$ref chain too long at " + current.get("$ref")).isLessThan(10);
            String ref = (String) current.get("$ref");
            assertThat(ref).as("only local $refs are used").startsWith("#/");
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                target = map(target, ref).get(part.replace("~1", "/").replace("~0", "~"));
                assertThat(target).as("$ref target " + ref).isNotNull();
            }
            current = map(target, ref);
        }
        return current;
    }

    private static boolean isString(Object type) {
        return "string".equals(type) || (type instanceof List<?> types && types.contains("string"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what + " must be a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        assertThat(value).as(what + " must be a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /** The router a runtime that carries every family serves (the local app, Azure). */
    static Router everyRoute() {
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        for (RouteSet family : List.of(new TicketRoutes(null), new PredictRoutes(null, 100, new PredictMetrics()),
                new WorkflowRoutes(null, null))) {
            routes.addAll(family.routes());
        }
        return new Router(routes, 65536);
    }
}
