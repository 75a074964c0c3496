package dev.supportdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void aNewTraceIsAValidTraceparentWhoseIdsAreCutFromIt() {
        for (int i = 0; i < 1000; i++) {
            TraceParent trace = TraceParent.generate();
            assertThat(trace.header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
            assertThat(trace.header()).isEqualTo("00-" + trace.traceId() + "-" + trace.parentId() + "-00");
            assertThat(TraceParent.parse(trace.header())).contains(trace);
            assertThat(trace.version()).isEqualTo("00");
            assertThat(trace.flags()).isEqualTo("00");
        }
    }

    @Test
    void aParsedTraceparentKeepsItsFieldsAndEchoesOnlyTheFourItDefines() {
        TraceParent sampled = TraceParent.parse(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ").orElseThrow();
        assertThat(sampled.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(sampled.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(sampled.flags()).isEqualTo("01");
        assertThat(sampled.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        TraceParent future = TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes").orElseThrow();
        assertThat(future.version()).isEqualTo("cc");
        assertThat(future.header()).isEqualTo("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(future).isEqualTo(new TraceParent("cc", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01"));
    }

    @Test
    void aTraceGivenItsIdGetsANewSpan() {
        TraceParent trace = TraceParent.withTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.header()).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00");
        assertThat(trace.parentId()).isNotEqualTo("0000000000000000");
    }

    @Test
    void aRequestIdIsARandomVersion4Uuid() {
        for (int i = 0; i < 1000; i++) {
            String id = TraceParent.requestId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
        assertThat(TraceParent.requestId()).isNotEqualTo(TraceParent.requestId());
    }
}
