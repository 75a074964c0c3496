package dev.supportdesk.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Run records in the {@link WorkflowStore}: creation (once per run id), conditional updates, reads. */
public final class WorkflowRuns {

    static final String KIND = "run";
    private static final Pattern RUN_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[a-z0-9-]{1,48}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final WorkflowStore store;
    private final StartClaims starts;
    private final Clock clock;
    private final Telemetry telemetry;

    public WorkflowRuns(WorkflowStore store, Clock clock) {
        this(store, clock, Telemetry.noop());
    }

    public WorkflowRuns(WorkflowStore store, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.clock = clock;
        this.starts = new StartClaims(store, this);
    }

    /** A run asked for now (on demand): its rules are evaluated at the current time. */
    public RunRef manual() {
        Instant now = now();
        return new RunRef(ID_TIME.format(now) + "-manual-" + UUID.randomUUID().toString().substring(0, 8), now, "MANUAL");
    }

    /** A run asked for now that covers only {@code tenant}'s tickets. */
    public RunRef manualFor(String tenant) {
        RunRef run = manual();
        return new RunRef(run.runId(), run.asOf(), run.trigger(), tenant);
    }

    /** The run of a schedule slot: every firing for the same slot gets the same id. */
    public static RunRef scheduled(Instant scheduledAt) {
        Instant slot = scheduledAt.truncatedTo(ChronoUnit.SECONDS);
        return new RunRef(ID_TIME.format(slot) + "-schedule", slot, "SCHEDULE");
    }

    public static boolean isRunId(String id) {
        return id != null && RUN_ID.matcher(id).matches();
    }

    /** Creates the run record; false if a run with this id exists already (a duplicate start). */
    public boolean create(RunRef ref) {
        WorkflowRun run = new WorkflowRun(ref.runId(), ref.trigger(), ref.asOf().toString(), now().toString(), null,
                "RUNNING", null, null, null, ref.tenant());
        try {
            store.put(new WorkflowStore.WorkflowDoc(KIND, ref.runId(), write(run), 1), 0);
            return true;
        } catch (StaleVersionException e) {
            telemetry.increment(Metrics.STORE_CONFLICTS, "workflow_run_create");
            return false;
        }
    }

    /**
     * Claims the start of {@code ref}: one run over the same tickets at a time (see {@link StartClaims}).
     *
     * @throws dev.supportdesk.domain.Conflict naming the run in flight, or when another start over the same tickets won the claim
     */
    public void claimStart(RunRef ref) {
        starts.claim(ref);
    }

    public Optional<WorkflowRun> find(String runId) {
        return store.find(KIND, runId).map(doc -> read(doc.json()));
    }

    public List<WorkflowRun> latest(int limit) {
        return store.latest(KIND, limit).stream().map(doc -> read(doc.json())).toList();
    }

    /** Applies {@code change} to the stored run, re-reading and retrying when another step wrote first. */
    WorkflowRun update(String runId, UnaryOperator<WorkflowRun> change) {
        for (int attempt = 0; attempt < 50; attempt++) {
            WorkflowStore.WorkflowDoc doc = store.find(KIND, runId)
                    .orElseThrow(() -> new InvalidStepInputException("there is no workflow run '" + runId + "'"));
            WorkflowRun changed = change.apply(read(doc.json()));
            try {
                store.put(new WorkflowStore.WorkflowDoc(KIND, runId, write(changed), doc.version() + 1), doc.version());
                return changed;
            } catch (StaleVersionException e) {
                telemetry.increment(Metrics.STORE_CONFLICTS, "workflow_run_update");
                // another batch of the same run wrote in between: read again
            }
        }
        throw new IllegalStateException("run " + runId + " could not be updated: too much contention");
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String write(WorkflowRun run) {
        try {
            return Json.MAPPER.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static WorkflowRun read(String json) {
        try {
            return Json.MAPPER.readValue(json, WorkflowRun.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored workflow run is not readable", e);
        }
    }

    /**
     * A run to start: its id, the instant its rules are evaluated at, what started it, and the only
     * tenant it covers (null: every tenant).
     */
    public record RunRef(String runId, Instant asOf, String trigger, String tenant) {

        public RunRef(String runId, Instant asOf, String trigger) {
            this(runId, asOf, trigger, null);
        }
    }
}
