package dev.supportdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    private final MetricRegistry registry = new MetricRegistry();

    @Test
    void aSeriesIsFoundAgainByEqualLabelValuesInAnotherArray() {
        registry.increment(Metrics.API_REQUESTS, "/tickets", "GET", "2xx");
        registry.increment(Metrics.API_REQUESTS, new String[] {"/tickets", "GET", "2xx"});
        registry.increment(Metrics.API_REQUESTS, "/tickets", "GET", "4xx");

        assertThat(registry.counts(Metrics.API_REQUESTS)).containsOnly(
                Map.entry(List.of("/tickets", "GET", "2xx"), 2L), Map.entry(List.of("/tickets", "GET", "4xx"), 1L));
    }

    @Test
    void aCallerReusingItsLabelArrayDoesNotMoveAStoredSeries() {
        String[] labels = {"ticket_update"};
        registry.increment(Metrics.STORE_CONFLICTS, labels);
        labels[0] = "ocr_claim";
        registry.increment(Metrics.STORE_CONFLICTS, labels);

        assertThat(registry.count(Metrics.STORE_CONFLICTS, "ticket_update")).isEqualTo(1);
        assertThat(registry.count(Metrics.STORE_CONFLICTS, "ocr_claim")).isEqualTo(1);
        assertThat(registry.prometheus()).contains("store_conflicts_total{operation=\"ocr_claim\"} 1\n")
                .contains("store_conflicts_total{operation=\"ticket_update\"} 1\n");
    }

    @Test
    void theWrongNumberOfLabelValuesIsRefused() {
        assertThatThrownBy(() -> registry.increment(Metrics.API_REQUESTS, "/tickets"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
