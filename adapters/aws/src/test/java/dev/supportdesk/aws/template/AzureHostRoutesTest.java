package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Azure side of the same question: the Functions host routes each operation of the API contract to
 * our HttpTrigger ({@code adapters/azure/.../HttpApiFunction.java}, its {@code route} and {@code methods})
 * under {@code adapters/azure/host.json}'s {@code extensions.http.routePrefix}, and no operation lives
 * under a prefix the host keeps for itself: routes starting with {@code admin} (the host's admin API; the
 * host refuses a function route that starts with it: "The specified route conflicts with one or more
 * built in routes", azure-functions-host ScriptHost route validation) and {@code runtime}
 * ({@code /runtime/webhooks/...}, the extensions' webhook endpoints). A catch-all route does not fail
 * at start-up; such a request would just never reach the function, so only this check would notice.
 * Read from the Azure module's sources, which this module does not depend on.
 */
class AzureHostRoutesTest {

    private static final Pattern TRIGGER = Pattern.compile(
            "@HttpTrigger\\((?<body>[^)]*?methods\\s*=\\s*\\{(?<methods>[^}]*)}[^)]*)\\)", Pattern.DOTALL);
    private static final Pattern ROUTE = Pattern.compile("route\\s*=\\s*\"([^\"]*)\"");

    @Test
    void everyOperationReachesTheHttpTriggerAndNoneIsUnderAReservedPrefix() throws Exception {
        Path azure = SamTemplate.repositoryRoot().resolve("adapters/azure");
        Path function;
        try (Stream<Path> files = Files.walk(azure.resolve("src/main/java"))) {
            function = files.filter(p -> p.getFileName().toString().equals("HttpApiFunction.java")).findFirst().orElseThrow();
        }
        Matcher trigger = TRIGGER.matcher(Files.readString(function));
        assertThat(trigger.find()).as("@HttpTrigger with methods in %s", function).isTrue();
        Matcher routeMatcher = ROUTE.matcher(trigger.group("body"));
        assertThat(routeMatcher.find()).as("@HttpTrigger route in %s", function).isTrue();
        String route = routeMatcher.group(1);
        List<String> methods = new ArrayList<>();
        for (String m : trigger.group("methods").split(",")) {
            methods.add(m.trim().replace("HttpMethod.", ""));
        }
        JsonNode host = Json.MAPPER.readTree(Files.readString(azure.resolve("host.json")));
        JsonNode prefixNode = host.path("extensions").path("http").path("routePrefix");
        String prefix = prefixNode.isMissingNode() ? "api" : prefixNode.asText(); // the host's default is "api"

        assertThat(route).as("the trigger's route is a catch-all: {*name}").matches("\\{\\*[A-Za-z]+}");
        for (String operation : HttpApiRoutesTest.contractOperations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            String published = (prefix.isEmpty() ? "" : "/" + prefix) + path;
            assertThat(methods).as("%s: the trigger's methods", operation).contains(method);
            String first = published.substring(1).split("/")[0].toLowerCase(Locale.ROOT);
            assertThat(first).as("%s is published as %s, under a prefix the Functions host keeps", operation, published)
                    .doesNotStartWith("admin").isNotEqualTo("runtime");
        }
    }
}
