package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * CORS on the HTTP API is a deployment choice: {@code CorsAllowedOrigins}, empty by default, and then no
 * CORS configuration at all. When set, API Gateway answers the preflight itself ("If you configure CORS
 * for an API, API Gateway automatically sends a response to preflight OPTIONS requests, even if there
 * isn't an OPTIONS route configured", API Gateway developer guide, "Configure CORS for HTTP APIs"), so a
 * preflight, which carries no token, must match no authorized route (HttpApiRoutesTest), and the
 * configuration must allow what the API's clients send and read: the methods of the contract, the
 * Authorization, Content-Type and If-Match headers, and the ETag and Location response headers.
 */
class HttpApiCorsTest {

    @Test
    void corsIsAParameterOffByDefaultAndAllowsWhatTheContractUses() throws IOException {
        Map<String, Object> template = SamTemplate.load();
        Map<String, Object> parameter = map(map(template.get("Parameters")).get("CorsAllowedOrigins"));
        assertThat(parameter).as("parameter CorsAllowedOrigins").isNotEmpty();
        assertThat(parameter.get("Default")).as("CorsAllowedOrigins default").isEqualTo("");

        Object condition = map(map(template.get("Conditions"))).get("HasCorsOrigins");
        assertThat(condition).as("condition HasCorsOrigins: origins given").isEqualTo(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "CorsAllowedOrigins"), "")))));

        Map<String, Object> api = map(map(map(template.get("Resources")).get("HttpApi")).get("Properties"));
        List<?> conditional = list(map(api.get("CorsConfiguration")).get("Fn::If"));
        assertThat(conditional).as("HttpApi CorsConfiguration is !If [HasCorsOrigins, {...}, !Ref AWS::NoValue]").hasSize(3);
        assertThat(conditional.get(0)).isEqualTo("HasCorsOrigins");
        assertThat(conditional.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));

        Map<String, Object> cors = map(conditional.get(1));
        assertThat(cors.get("AllowOrigins")).isEqualTo(Map.of("Fn::Split", List.of(",", Map.of("Ref", "CorsAllowedOrigins"))));
        Set<String> methods = new TreeSet<>();
        HttpApiRoutesTest.contractOperations().forEach(o -> methods.add(o.substring(0, o.indexOf(' '))));
        assertThat(lower(cors.get("AllowMethods"))).as("AllowMethods").containsAll(lower(List.copyOf(methods)));
        assertThat(lower(cors.get("AllowHeaders"))).as("AllowHeaders").contains("authorization", "content-type", "if-match");
        assertThat(lower(cors.get("ExposeHeaders"))).as("ExposeHeaders").contains("etag", "location");
        assertThat(cors.get("AllowCredentials")).as("bearer tokens, not cookies").isNotEqualTo(true);
    }

    private static Set<String> lower(Object values) {
        Set<String> result = new TreeSet<>();
        list(values).forEach(v -> result.add(String.valueOf(v).toLowerCase()));
        return result;
    }
}
