package dev.supportdesk.aws.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLineLoggerTest {

    @Test
    void oneEventIsOneJsonLineWithTheMdcAndTheFailure() throws Exception {
        List<String> out = new ArrayList<>();
        BasicMDCAdapter mdc = new BasicMDCAdapter();
        JsonLineLogger log = new JsonLineLogger("dev.supportdesk.X", JsonLineLogger.Level.INFO, mdc, out::add);
        mdc.put("requestId", "req-1");
        mdc.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        log.debug("not written");
        log.info("line {}\nwith \"quotes\"", 1);
        log.error("failed", new IllegalStateException("boom"));
        assertThat(out).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        JsonNode info = Json.MAPPER.readTree(out.get(0));
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("message").asText()).isEqualTo("line 1\nwith \"quotes\"");
        assertThat(info.path("logger").asText()).isEqualTo("dev.supportdesk.X");
        assertThat(info.path("requestId").asText()).isEqualTo("req-1");
        assertThat(info.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        JsonNode error = Json.MAPPER.readTree(out.get(1));
        assertThat(error.path("errorType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.path("stackTrace").asText()).contains("boom");
    }

    @Test
    void lambdasLogLevelSetsTheThreshold() {
        assertThat(JsonLineLogger.Level.parse(null)).isEqualTo(JsonLineLogger.Level.INFO);
        assertThat(JsonLineLogger.Level.parse("debug")).isEqualTo(JsonLineLogger.Level.DEBUG);
        assertThat(JsonLineLogger.Level.parse("FATAL")).isEqualTo(JsonLineLogger.Level.ERROR);
    }
}
