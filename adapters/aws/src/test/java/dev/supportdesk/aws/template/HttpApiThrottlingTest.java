package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's stage throttling comes from two parameters with positive defaults, applies to every
 * route ({@code DefaultRouteSettings}, no per-route override), and no route escapes it.
 */
class HttpApiThrottlingTest {

    @Test
    void everyRouteIsThrottledByTheTwoParameters() throws IOException {
        Map<String, Object> template = SamTemplate.load();
        Map<String, Object> parameters = map(template.get("Parameters"));
        for (String name : new String[] {"ApiThrottlingRateLimit", "ApiThrottlingBurstLimit"}) {
            Map<String, Object> parameter = map(parameters.get(name));
            assertThat(parameter.get("Type")).as(name).isEqualTo("Number");
            assertThat(((Number) parameter.get("Default")).intValue()).as(name + " default").isPositive();
            assertThat(((Number) parameter.get("MinValue")).intValue()).as(name + " MinValue: 0 would shut the API").isEqualTo(1);
        }

        Map<String, Object> api = map(map(map(template.get("Resources")).get("HttpApi")).get("Properties"));
        assertThat(map(api.get("DefaultRouteSettings"))).isEqualTo(Map.of(
                "ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit"),
                "ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit")));
        assertThat(api).as("no per-route settings that could lift the limit").doesNotContainKey("RouteSettings");
    }
}
