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

    @Test
    void aMeasurementInATenantsContextAlsoCountsInThatTenantsViewOnly() {
        inTenant("acme", () -> registry.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, 0.002,
                "/tickets/{id}", "GET", "2xx"));
        inTenant("globex", () -> {
            registry.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, 0.002, "/tickets/{id}", "GET", "2xx");
            registry.increment(Metrics.STORE_CONFLICTS, "ticket_update");
        });
        registry.increment(Metrics.API_REQUESTS, "/health", "GET", "2xx"); // no tenant: the instance's only

        assertThat(registry.count(Metrics.API_REQUESTS, "/tickets/{id}", "GET", "2xx")).isEqualTo(2);
        assertThat(registry.count("acme", Metrics.API_REQUESTS, "/tickets/{id}", "GET", "2xx")).isEqualTo(1);
        assertThat(registry.count("acme", Metrics.API_REQUEST_DURATION, "/tickets/{id}", "GET", "2xx")).isEqualTo(1);
        assertThat(registry.count("acme", Metrics.STORE_CONFLICTS, "ticket_update")).isZero();
        assertThat(registry.count("globex", Metrics.STORE_CONFLICTS, "ticket_update")).isEqualTo(1);
        assertThat(registry.count("acme", Metrics.API_REQUESTS, "/health", "GET", "2xx")).isZero();

        String acme = registry.prometheus("acme");
        assertThat(acme).contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"2xx\"} 1\n")
                .doesNotContain("/health").doesNotContain("store_conflicts_total{").doesNotContain("globex")
                .contains("instance_tenant_view_tracked 1\n");
        Metrics.ALL.forEach(metric -> assertThat(acme).contains("# TYPE " + metric.name() + " "));
        assertThat(registry.json("acme").path("metrics").path("api_requests_total").get(0).path("count").asLong()).isEqualTo(1);
        assertThat(registry.prometheus()).contains("api_requests_total{route=\"/tickets/{id}\",method=\"GET\",status_class=\"2xx\"} 2\n")
                .contains("instance_tenant_views 2\n").contains("instance_tenant_view_overflow_total 0\n");
    }

    @Test
    void tenantsPastTheLimitAreInTheInstanceFiguresOnlyAndCountedAsOverflow() {
        MetricRegistry small = new MetricRegistry(2);
        for (String tenant : List.of("t1", "t2", "t3", "t3", "t1")) {
            inTenant(tenant, () -> small.increment(Metrics.API_REQUESTS, "/tickets", "GET", "2xx"));
        }
        assertThat(small.count(Metrics.API_REQUESTS, "/tickets", "GET", "2xx")).isEqualTo(5);
        assertThat(small.count("t1", Metrics.API_REQUESTS, "/tickets", "GET", "2xx")).isEqualTo(2);
        assertThat(small.count("t3", Metrics.API_REQUESTS, "/tickets", "GET", "2xx")).isZero();
        assertThat(small.prometheus()).contains("instance_tenant_views 2\n").contains("instance_tenant_view_overflow_total 2\n");
        assertThat(small.prometheus("t3")).contains("instance_tenant_view_tracked 0\n");
        assertThat(small.json("t3").path("tracked").asBoolean()).isFalse();
        assertThat(small.json().path("tenantViews").path("overflowMeasurements").asLong()).isEqualTo(2);
    }

    private static void inTenant(String tenant, Runnable work) {
        try (LogContext.Scope scope = LogContext.open("api", "req", null)) {
            LogContext.tenant(tenant);
            work.run();
        }
    }
}
