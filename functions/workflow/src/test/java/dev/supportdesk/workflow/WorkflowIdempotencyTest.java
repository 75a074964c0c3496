package dev.supportdesk.workflow;

import static dev.supportdesk.workflow.WorkflowFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Crashes after every step and resumes, duplicate runs, overlapping runs: the final state is the
 * state of one clean run and every effect happens exactly once.
 */
class WorkflowIdempotencyTest {

    /** A process dying: not an exception any step or engine catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** The same data in a fresh fixture every time: ids are fixed so final states compare directly. */
    private static WorkflowFixture seeded(dev.supportdesk.tickets.TicketStore store) {
        WorkflowFixture fx = new WorkflowFixture(store, new InMemoryWorkflowStore(), WorkflowFixture.settings(2, 2));
        for (int i = 0; i < 9; i++) {
            String tenant = "tenant-" + (i % 3);
            Instant old = NOW.minus(Duration.ofDays(10)).plusSeconds(i);
            store.create(new Ticket("esc-" + i, tenant, "alice", "s", "d", Priority.values()[i % 3],
                    i % 2 == 0 ? TicketStatus.OPEN : TicketStatus.IN_PROGRESS, null, old, old, 1));
            store.create(new Ticket("close-" + i, tenant, "bob", "s", "d", Priority.values()[i % 4],
                    TicketStatus.RESOLVED, null, old, old, 1));
            store.create(new Ticket("fresh-" + i, tenant, "carol", "s", "d", Priority.LOW, TicketStatus.OPEN, null,
                    NOW, NOW, 1));
            if (i < 5) {
                store.addAttachment(new Attachment("att-" + i, tenant, "fresh-" + i, "scan.png", "image/png", 10,
                        "uploads/" + tenant + "/fresh-" + i + "/att-" + i, old, old,
                        i % 2 == 0 ? OcrStatus.PENDING : OcrStatus.PROCESSING, null, 2));
            }
        }
        return fx;
    }

    private static WorkflowFixture seeded() {
        return seeded(new InMemoryTicketStore());
    }

    /** Everything observable: tickets, the workflow's responses, attachments, re-emissions. */
    private static Map<String, String> state(WorkflowFixture fx) {
        InMemoryTicketStore store = (InMemoryTicketStore) unwrap(fx.tickets);
        Map<String, String> state = new TreeMap<>();
        store.allTickets().forEach(t -> state.put("ticket " + t.id(),
                t.status() + " " + t.priority() + " v" + t.version() + " " + t.updatedAt()));
        store.allResponses().stream().filter(r -> r.author().startsWith("workflow:"))
                .forEach(r -> state.put("response " + r.id(), r.visibility() + " " + r.createdAt()));
        for (int i = 0; i < 5; i++) {
            Attachment a = store.findAttachment("tenant-" + (i % 3), "fresh-" + i, "att-" + i).orElseThrow();
            state.put("attachment " + a.id(), a.ocrStatus() + " v" + a.version());
        }
        state.put("reemitted", fx.reemitted.stream().sorted().collect(Collectors.joining(",")));
        return state;
    }

    private static dev.supportdesk.tickets.TicketStore unwrap(dev.supportdesk.tickets.TicketStore store) {
        return store instanceof CrashingTicketStore crashing ? crashing.delegate : store;
    }

    private static Map<String, Integer> applied(JsonNode run) {
        Map<String, Integer> applied = new TreeMap<>();
        for (Rule rule : Rule.values()) {
            applied.put(rule.name(), run.path("steps").path(rule.name()).path("applied").asInt());
        }
        return applied;
    }

    @Test
    void aCleanRunDoesWhatTheDataAsksFor() {
        WorkflowFixture fx = seeded();
        JsonNode run = fx.runNow();
        assertThat(applied(run)).containsEntry("ESCALATE", 9).containsEntry("AUTO_CLOSE", 9).containsEntry("RETRY_OCR", 5);
        assertThat(fx.reemitted).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void stoppedAfterEachStepAndResumedTheFinalStateAndCountsAreThoseOfOneCleanRun() {
        WorkflowFixture clean = seeded();
        AtomicInteger cleanSteps = new AtomicInteger();
        WorkflowRuns.RunRef cleanRun = clean.runs.manual();
        clean.runs.create(cleanRun);
        JsonNode cleanRecord = clean.interpreter((step, input) -> {
            cleanSteps.incrementAndGet();
            return clean.functions.get(step).apply(input);
        }).run(WorkflowFixture.manualStart(cleanRun));
        Map<String, String> expected = state(clean);
        assertThat(cleanSteps.get()).isGreaterThan(10);

        for (int stopAfter = 1; stopAfter < cleanSteps.get(); stopAfter++) {
            WorkflowFixture fx = seeded();
            WorkflowRuns.RunRef run = fx.runs.manual();
            fx.runs.create(run);
            AtomicInteger calls = new AtomicInteger();
            int limit = stopAfter;
            WorkflowInterpreter crashing = fx.interpreter((step, input) -> {
                JsonNode out = fx.functions.get(step).apply(input);
                if (calls.incrementAndGet() == limit) {
                    throw new SimulatedCrash("stopped after step " + limit + " (" + step + ")");
                }
                return out;
            });
            assertThatThrownBy(() -> crashing.run(WorkflowFixture.manualStart(run))).isInstanceOf(Throwable.class);
            JsonNode resumed = fx.interpreter().run(WorkflowFixture.manualStart(run));
            assertThat(state(fx)).as("stopped after step %d", stopAfter).isEqualTo(expected);
            assertThat(applied(resumed)).as("stopped after step %d", stopAfter).isEqualTo(applied(cleanRecord));
            assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void crashesInsideABatchBetweenTheResponseAndTheTicketUpdateLeaveOneResponseAndOneChange() {
        WorkflowFixture clean = seeded();
        clean.runNow();
        Map<String, String> expected = state(clean);
        for (int crashAt = 1; crashAt <= 18; crashAt += 4) {
            CrashingTicketStore store = new CrashingTicketStore(new InMemoryTicketStore(), crashAt);
            WorkflowFixture fx = seeded(store.delegate);
            WorkflowFixture crashingFx = new WorkflowFixture(store, fx.store, fx.settings);
            WorkflowRuns.RunRef run = crashingFx.runs.manual();
            crashingFx.runs.create(run);
            assertThatThrownBy(() -> crashingFx.interpreter().run(WorkflowFixture.manualStart(run)))
                    .isInstanceOf(SimulatedCrash.class);
            store.disarm();
            crashingFx.interpreter().run(WorkflowFixture.manualStart(run));
            Map<String, String> actual = state(crashingFx);
            assertThat(actual).as("crash at ticket update %d", crashAt).isEqualTo(expected);
        }
    }

    @Test
    void aDuplicateRunChangesNothingMore() {
        WorkflowFixture fx = seeded();
        WorkflowRuns.RunRef run = fx.runs.manual();
        fx.runs.create(run);
        JsonNode first = fx.interpreter().run(WorkflowFixture.manualStart(run));
        Map<String, String> once = state(fx);
        JsonNode again = fx.interpreter().run(WorkflowFixture.manualStart(run));
        assertThat(state(fx)).isEqualTo(once);
        assertThat(applied(again)).isEqualTo(applied(first));

        JsonNode other = fx.runNow();
        assertThat(state(fx)).isEqualTo(once);
        assertThat(applied(other).values()).allMatch(n -> n == 0);
    }

    @Test
    void aDuplicateScheduleFiringStartsNothingTwice() {
        WorkflowFixture fx = seeded();
        List<String> started = new ArrayList<>();
        ScheduleReceiver receiver = new ScheduleReceiver(fx.runs, run -> started.add(run.runId()));
        Instant slot = NOW;
        assertThat(receiver.apply(new ScheduleFired("every-15-min", slot))).startsWith("STARTED");
        assertThat(receiver.apply(new ScheduleFired("every-15-min", slot.plusMillis(300)))).startsWith("DUPLICATE");
        assertThat(started).containsExactly("20260601T120000Z-schedule");
        assertThatThrownBy(() -> receiver.apply(new ScheduleFired("x", null)))
                .isInstanceOf(InvalidStepInputException.class).hasMessageContaining("scheduledAt");
    }

    @Test
    void twoOverlappingRunsApplyEveryEffectExactlyOnce() throws Exception {
        WorkflowFixture clean = seeded();
        clean.runNow();
        Map<String, String> expected = state(clean);

        for (int repeat = 0; repeat < 5; repeat++) {
            WorkflowFixture fx = seeded();
            CyclicBarrier together = new CyclicBarrier(2);
            List<JsonNode> records = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(2);
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 2; i++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        WorkflowRuns.RunRef run = fx.runs.manual();
                        fx.runs.create(run);
                        together.await();
                        records.add(fx.interpreter((step, input) -> {
                            Thread.yield();
                            return fx.functions.get(step).apply(input);
                        }).run(WorkflowFixture.manualStart(run)));
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            assertThat(errors).isEmpty();
            assertThat(state(fx)).isEqualTo(expected);
            for (Rule rule : Rule.values()) {
                int total = records.stream().mapToInt(r -> r.path("steps").path(rule.name()).path("applied").asInt()).sum();
                assertThat(total).as("%s applied across both runs", rule).isEqualTo(applied(records.get(0)).get(rule.name())
                        + applied(records.get(1)).get(rule.name()));
                assertThat(total).as("%s applied once in all", rule)
                        .isEqualTo(rule == Rule.RETRY_OCR ? 5 : 9);
            }
        }
    }

    /** A ticket store that dies on its n-th ticket update (after the escalation's or closure's response was written). */
    static final class CrashingTicketStore implements dev.supportdesk.tickets.TicketStore {
        final InMemoryTicketStore delegate;
        private final AtomicInteger updates = new AtomicInteger();
        private volatile int crashAt;

        CrashingTicketStore(InMemoryTicketStore delegate, int crashAt) {
            this.delegate = delegate;
            this.crashAt = crashAt;
        }

        void disarm() {
            crashAt = -1;
        }

        @Override
        public void update(Ticket changed, long expectedVersion) {
            if (updates.incrementAndGet() == crashAt) {
                throw new SimulatedCrash("died before ticket update " + crashAt);
            }
            delegate.update(changed, expectedVersion);
        }

        @Override public void create(Ticket ticket) { delegate.create(ticket); }
        @Override public java.util.Optional<Ticket> find(String tenant, String id) { return delegate.find(tenant, id); }
        @Override public java.util.List<Ticket> list(dev.supportdesk.tickets.TicketQuery q) { return delegate.list(q); }
        @Override public void addResponse(Response response) { delegate.addResponse(response); }
        @Override public java.util.Optional<Response> findResponse(String t, String ti, String r) { return delegate.findResponse(t, ti, r); }
        @Override public java.util.List<Response> listResponses(dev.supportdesk.tickets.ResponseQuery q) { return delegate.listResponses(q); }
        @Override public void addAttachment(Attachment a) { delegate.addAttachment(a); }
        @Override public java.util.Optional<Attachment> findAttachment(String t, String ti, String a) { return delegate.findAttachment(t, ti, a); }
        @Override public void updateAttachment(Attachment a, long v) { delegate.updateAttachment(a, v); }
        @Override public java.util.List<dev.supportdesk.tickets.SweepEntry> sweep(dev.supportdesk.tickets.SweepQuery q) { return delegate.sweep(q); }
    }
}
