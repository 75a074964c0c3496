package dev.supportdesk.aws.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.telemetry.TraceParent;
import org.junit.jupiter.api.Test;

class XRayTraceTest {

    @Test
    void anXRayRootIsAW3cTraceId() {
        TraceParent trace = XRayTrace.fromHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        assertThat(trace.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(TraceParent.parse(trace.header())).contains(trace);
        assertThat(XRayTrace.fromHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0").flags()).isEqualTo("00");
        assertThat(XRayTrace.fromHeader(null)).isNull();
        assertThat(XRayTrace.fromHeader("garbage")).isNull();
    }
}
