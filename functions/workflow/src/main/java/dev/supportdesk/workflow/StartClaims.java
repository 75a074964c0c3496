package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.domain.Conflict;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.StaleVersionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One run over the same tickets at a time. A start is refused while a run that covers the same
 * tickets is RUNNING (a run over every tenant covers all of them), and it claims its scope's slot, a
 * small document written conditionally: of two starts over the same scope at the same instant, one
 * wins the slot and the other is refused. A run (or a claim whose run was never recorded) older than
 * {@link #IN_FLIGHT_AT_MOST} no longer counts: its engine lost it.
 */
final class StartClaims {

    /** How long a RUNNING run holds off new starts over the same tickets. */
    static final Duration IN_FLIGHT_AT_MOST = Duration.ofHours(1);
    static final String KIND = "run-start";
    private static final int LOOKBACK = 20;

    private final WorkflowStore store;
    private final WorkflowRuns runs;

    StartClaims(WorkflowStore store, WorkflowRuns runs) {
        this.store = store;
        this.runs = runs;
    }

    void claim(WorkflowRuns.RunRef ref) {
        Instant cutoff = runs.now().minus(IN_FLIGHT_AT_MOST);
        runs.latest(LOOKBACK).stream()
                .filter(run -> "RUNNING".equals(run.status()) && Instant.parse(run.startedAt()).isAfter(cutoff))
                .filter(run -> ref.tenant() == null || run.covers(ref.tenant()))
                .findFirst()
                .ifPresent(run -> {
                    throw inFlight(run.runId());
                });
        String slot = ref.tenant() == null ? "all-tenants" : "tenant-" + ref.tenant();
        Optional<WorkflowStore.WorkflowDoc> held = store.find(KIND, slot);
        held.map(doc -> json(doc.json())).filter(claim -> stillHeld(claim, cutoff))
                .ifPresent(claim -> {
                    throw inFlight(claim.path("runId").asText());
                });
        long version = held.map(WorkflowStore.WorkflowDoc::version).orElse(0L);
        String claim = Json.object().put("runId", ref.runId()).put("claimedAt", runs.now().toString()).toString();
        try {
            store.put(new WorkflowStore.WorkflowDoc(KIND, slot, claim, version + 1), version);
        } catch (StaleVersionException e) {
            throw new Conflict("another workflow run over the same tickets was started at the same moment; "
                    + "see GET /workflow/runs");
        }
    }

    /** A claim holds while its run is RUNNING, or not recorded yet, and younger than the cutoff. */
    private boolean stillHeld(JsonNode claim, Instant cutoff) {
        if (!Instant.parse(claim.path("claimedAt").asText()).isAfter(cutoff)) {
            return false;
        }
        return runs.find(claim.path("runId").asText()).map(run -> "RUNNING".equals(run.status())).orElse(true);
    }

    private static Conflict inFlight(String runId) {
        return new Conflict("workflow run '" + runId + "' is still running over the same tickets; "
                + "start another once it has finished (GET /workflow/runs/" + runId + ")");
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored run-start claim is not JSON", e);
        }
    }
}
