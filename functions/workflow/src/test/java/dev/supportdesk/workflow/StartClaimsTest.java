package dev.supportdesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.domain.Conflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One workflow run over the same tickets at a time, also when starts race. */
class StartClaimsTest {

    private final WorkflowRuns runs = new WorkflowRuns(new InMemoryWorkflowStore(), Clock.systemUTC());

    @Test
    void ofStartsOverTheSameTicketsAtTheSameMomentExactlyOneWins() throws Exception {
        int starters = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            List<Future<Boolean>> started = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                started.add(pool.submit(() -> {
                    go.await();
                    WorkflowRuns.RunRef run = runs.manualFor("acme");
                    try {
                        runs.claimStart(run);
                    } catch (Conflict refused) {
                        return false;
                    }
                    runs.create(run);
                    return true;
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : started) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTenantsRunHoldsOffStartsOverItsTicketsOnly() {
        WorkflowRuns.RunRef acme = start(runs.manualFor("acme"));
        start(runs.manualFor("globex"));
        assertThatThrownBy(() -> runs.claimStart(runs.manualFor("acme")))
                .isInstanceOf(Conflict.class).hasMessageContaining("workflow run '" + acme.runId() + "' is still running");
        assertThatThrownBy(() -> runs.claimStart(runs.manual())).isInstanceOf(Conflict.class);

        finish(acme);
        start(runs.manualFor("acme"));
    }

    @Test
    void aFinishedRunReleasesItsSlot() {
        WorkflowRuns.RunRef everyTenant = start(runs.manual());
        assertThatThrownBy(() -> runs.claimStart(runs.manualFor("initech"))).isInstanceOf(Conflict.class);
        finish(everyTenant);
        start(runs.manual());
    }

    private WorkflowRuns.RunRef start(WorkflowRuns.RunRef run) {
        runs.claimStart(run);
        runs.create(run);
        return run;
    }

    private void finish(WorkflowRuns.RunRef run) {
        runs.update(run.runId(), r -> r.finished(runs.now().toString(), "SUCCEEDED", null));
    }
}
