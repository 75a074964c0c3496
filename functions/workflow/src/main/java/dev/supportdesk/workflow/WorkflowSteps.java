package dev.supportdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.Sweeps;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow's steps: each takes and returns a JSON object, so that every engine (Step Functions,
 * Durable Functions, the local runner) can pass their results along unchanged.
 *
 * <p>Idempotency: every effect is a conditional write on the item's version, decided against the
 * item as stored now and the run's fixed evaluation time {@code asOf}. An escalation or closure
 * writes its response under an id derived from the ticket and the version it acts on (a name-based UUID), so a step
 * re-run after a crash between the response and the ticket update finds the response and finishes
 * the update instead of writing a second one; once a ticket is updated it is no longer due. OCR work
 * is re-emitted only after a marker recording the attempt has been written conditionally (at most
 * once per attempt; a crash right after the marker loses that re-emission, never doubles it).
 */
public final class WorkflowSteps {

    private static final Logger log = LoggerFactory.getLogger(WorkflowSteps.class);
    private static final int MAX_ITEMS = 500;

    private final TicketStore tickets;
    private final WorkflowRuns runs;
    private final WorkflowSettings settings;
    private final RuleEffects effects;
    private final Telemetry telemetry;

    public WorkflowSteps(TicketStore tickets, WorkflowStore store, WorkflowRuns runs, WorkflowSettings settings,
                         OcrReemitter reemitter) {
        this(tickets, store, runs, settings, reemitter, Telemetry.noop());
    }

    /** @param telemetry where runs ({@code workflow_runs_total}) and rule effects are counted */
    public WorkflowSteps(TicketStore tickets, WorkflowStore store, WorkflowRuns runs, WorkflowSettings settings,
                         OcrReemitter reemitter, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.tickets = tickets;
        this.runs = runs;
        this.settings = settings;
        this.effects = new RuleEffects(tickets, store, settings, reemitter);
    }

    // ---- start ----

    /**
     * Input: {@code {"trigger":"SCHEDULE","scheduledAt":"..."}} (a schedule firing) or
     * {@code {"runId":"...","asOf":"...","trigger":"MANUAL"}} (a run created already). Creates the run
     * record if absent. Output: {@code {"runId","asOf"}}.
     */
    public JsonNode start(JsonNode input) {
        StepPayload in = StepPayload.of(WorkflowDefinition.START, input, "trigger", "scheduledAt", "runId", "asOf");
        String trigger = in.text("trigger");
        WorkflowRuns.RunRef ref;
        if (trigger.equals("SCHEDULE")) {
            ref = WorkflowRuns.scheduled(in.instant("scheduledAt"));
        } else if (trigger.equals("MANUAL")) {
            ref = new WorkflowRuns.RunRef(in.runId(), in.instant("asOf"), trigger);
        } else {
            throw in.fail("field 'trigger' must be SCHEDULE or MANUAL, got '" + trigger + "'");
        }
        boolean created = runs.create(ref);
        log.info("workflow run {} {} (as of {})", ref.runId(), created ? "started" : "resumed", ref.asOf());
        return Json.object().put("runId", ref.runId()).put("asOf", ref.asOf().toString());
    }

    // ---- find ----

    /**
     * Input: {@code {"runId","asOf","rule","cursor":null|"...","round":0}}. Output: the same with the
     * next cursor and round, {@code more} and up to {@code batchesPerRound} batches of due items.
     */
    public JsonNode findDue(JsonNode input) {
        StepPayload in = StepPayload.of(WorkflowDefinition.FIND_DUE, input, "runId", "asOf", "rule", "cursor", "round");
        String runId = in.runId();
        Instant asOf = in.instant("asOf");
        Rule rule = in.enumValue("rule", Rule.class);
        int round = in.integer("round", 0, 1_000_000);
        Optional<String> onlyTenant = runs.find(runId).map(WorkflowRun::tenant);
        List<Sweep> sweeps = sweeps(rule, asOf, onlyTenant);
        Position position = in.optionalText("cursor").map(c -> Position.parse(c, sweeps.size(), in))
                .orElse(new Position(0, Optional.empty()));
        int wanted = settings.batchSize() * settings.batchesPerRound();
        List<ObjectNode> items = new ArrayList<>();
        Optional<Position> next = Optional.of(position);
        while (next.isPresent() && items.size() < wanted) {
            Position at = next.get();
            Sweep sweep = sweeps.get(at.sweep());
            Page<ObjectNode> page;
            try {
                page = sweep.page(wanted - items.size(), at.storeCursor());
            } catch (InvalidCursorException e) {
                throw in.fail("field 'cursor' is not a position this step returned");
            }
            items.addAll(page.items());
            if (page.nextCursor().isPresent()) {
                next = Optional.of(new Position(at.sweep(), page.nextCursor()));
            } else if (at.sweep() + 1 < sweeps.size()) {
                next = Optional.of(new Position(at.sweep() + 1, Optional.empty()));
            } else {
                next = Optional.empty();
            }
        }
        ArrayNode batches = Json.MAPPER.createArrayNode();
        for (int from = 0; from < items.size(); from += settings.batchSize()) {
            List<ObjectNode> slice = items.subList(from, Math.min(items.size(), from + settings.batchSize()));
            ArrayNode batchItems = Json.MAPPER.createArrayNode().addAll(slice);
            ObjectNode batch = batches.addObject().put("runId", runId).put("asOf", asOf.toString())
                    .put("rule", rule.name()).put("batch", rule.name() + "-" + digest(batchItems));
            batch.set("items", batchItems);
        }
        ObjectNode out = Json.object().put("runId", runId).put("asOf", asOf.toString()).put("rule", rule.name())
                .put("round", round + 1).put("more", next.isPresent());
        if (next.isPresent()) {
            out.put("cursor", next.get().format());
        } else {
            out.putNull("cursor");
        }
        out.set("batches", batches);
        return out;
    }

    /** The rule's sweeps; for a run of one tenant, only that tenant's entries of the (shared) sweep buckets. */
    private List<Sweep> sweeps(Rule rule, Instant asOf, Optional<String> onlyTenant) {
        List<Sweep> sweeps = sweeps(rule, asOf);
        if (onlyTenant.isEmpty()) {
            return sweeps;
        }
        String tenant = onlyTenant.get();
        return sweeps.stream().<Sweep>map(sweep -> (limit, cursor) -> {
            Page<ObjectNode> page = sweep.page(limit, cursor);
            return new Page<>(page.items().stream().filter(item -> tenant.equals(item.path("tenant").asText())).toList(),
                    page.nextCursor());
        }).toList();
    }

    private List<Sweep> sweeps(Rule rule, Instant asOf) {
        List<Sweep> sweeps = new ArrayList<>();
        switch (rule) {
            case ESCALATE -> {
                for (TicketStatus status : List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS)) {
                    for (Priority priority : Priority.values()) {
                        settings.slaOf(priority).ifPresent(sla -> sweeps.add(
                                sweep(SweepKey.inactive(status, priority), asOf.minus(sla), WorkflowSteps::ticketRef)));
                    }
                }
            }
            case AUTO_CLOSE -> {
                for (Priority priority : Priority.values()) {
                    sweeps.add(sweep(SweepKey.inactive(TicketStatus.RESOLVED, priority),
                            asOf.minus(settings.autoCloseAfter()), WorkflowSteps::ticketRef));
                }
            }
            case RETRY_OCR -> {
                for (OcrStatus status : SweepKey.WATCHED_OCR) {
                    sweeps.add(sweep(SweepKey.ocr(status), asOf.minus(settings.ocrTimeout()),
                            WorkflowSteps::attachmentRef));
                }
            }
        }
        return sweeps;
    }

    private Sweep sweep(String bucket, Instant notAfter, Function<SweepEntry, ObjectNode> ref) {
        return (limit, cursor) -> Sweeps.page(tickets, bucket, notAfter, limit, cursor).map(ref);
    }

    private static ObjectNode ticketRef(SweepEntry entry) {
        return Json.object().put("tenant", entry.tenant()).put("ticketId", entry.ticketId());
    }

    private static ObjectNode attachmentRef(SweepEntry entry) {
        return ticketRef(entry).put("attachmentId", entry.attachmentId().orElseThrow());
    }

    private interface Sweep {
        Page<ObjectNode> page(int limit, Optional<String> cursor);
    }

    /** Where a find left off: which of the rule's sweeps, and the store's cursor in it. */
    private record Position(int sweep, Optional<String> storeCursor) {

        String format() {
            String raw = sweep + "\n" + storeCursor.orElse("");
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position parse(String cursor, int sweeps, StepPayload in) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int newline = raw.indexOf('\n');
                int sweep = Integer.parseInt(raw.substring(0, newline));
                if (sweep < 0 || sweep >= sweeps) {
                    throw in.fail("field 'cursor' is not a position this step returned");
                }
                String rest = raw.substring(newline + 1);
                return new Position(sweep, rest.isEmpty() ? Optional.empty() : Optional.of(rest));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw in.fail("field 'cursor' is not a position this step returned");
            }
        }
    }

    // ---- the rules, one batch at a time ----

    public JsonNode escalate(JsonNode input) {
        return batch(WorkflowDefinition.ESCALATE, Rule.ESCALATE, input);
    }

    public JsonNode autoClose(JsonNode input) {
        return batch(WorkflowDefinition.AUTO_CLOSE, Rule.AUTO_CLOSE, input);
    }

    public JsonNode retryOcr(JsonNode input) {
        return batch(WorkflowDefinition.RETRY_OCR, Rule.RETRY_OCR, input);
    }

    enum Outcome { APPLIED, SKIPPED }

    record Ref(String tenant, String ticketId, String attachmentId) {
    }

    private JsonNode batch(String step, Rule expected, JsonNode input) {
        StepPayload in = StepPayload.of(step, input, "runId", "asOf", "rule", "batch", "items");
        String runId = in.runId();
        Instant asOf = in.instant("asOf");
        Rule rule = in.enumValue("rule", Rule.class);
        if (rule != expected) {
            throw in.fail("this step applies " + expected + ", the batch is for " + rule);
        }
        String batchKey = in.text("batch");
        List<Ref> refs = refs(in, rule == Rule.RETRY_OCR);
        if (runs.find(runId).isEmpty()) {
            throw in.fail("there is no workflow run '" + runId + "'");
        }
        int applied = 0;
        int skipped = 0;
        int failed = 0;
        Map<String, int[]> byTenant = new TreeMap<>();
        for (Ref ref : refs) {
            int[] tenantCounts = byTenant.computeIfAbsent(ref.tenant(), t -> new int[3]);
            try {
                Outcome outcome = switch (rule) {
                    case ESCALATE -> effects.escalate(ref, runId, asOf);
                    case AUTO_CLOSE -> effects.close(ref, runId, asOf);
                    case RETRY_OCR -> effects.retryOcr(ref, runId, asOf);
                };
                if (outcome == Outcome.APPLIED) {
                    applied++;
                    tenantCounts[0]++;
                } else {
                    skipped++;
                    tenantCounts[1]++;
                }
            } catch (StaleVersionException e) {
                skipped++;
                tenantCounts[1]++;
                telemetry.increment(Metrics.STORE_CONFLICTS, "workflow_rule");
            } catch (RuntimeException e) {
                failed++;
                tenantCounts[2]++;
                log.warn("run {}: {} failed on {}", runId, rule, ref, e);
            }
        }
        String ruleLabel = rule.name().toLowerCase(java.util.Locale.ROOT);
        telemetry.count(Metrics.WORKFLOW_RULE_EFFECTS, applied, ruleLabel, "applied");
        telemetry.count(Metrics.WORKFLOW_RULE_EFFECTS, skipped, ruleLabel, "skipped");
        telemetry.count(Metrics.WORKFLOW_RULE_EFFECTS, failed, ruleLabel, "failed");
        Map<String, WorkflowRun.Counts> tenants = new TreeMap<>();
        byTenant.forEach((tenant, c) -> tenants.put(tenant, new WorkflowRun.Counts(c[0], c[1], c[2])));
        WorkflowRun.BatchResult result = new WorkflowRun.BatchResult(rule.name(), applied, skipped, failed, tenants);
        runs.update(runId, run -> run.withBatch(batchKey, result));
        return Json.object().put("batch", batchKey).put("applied", applied).put("skipped", skipped).put("failed", failed);
    }

    private static List<Ref> refs(StepPayload in, boolean attachments) {
        List<Ref> refs = new ArrayList<>();
        JsonNode items = in.array("items", MAX_ITEMS);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            StepPayload ref = StepPayload.of(in.fail("items[" + i + "]").getMessage(), item,
                    attachments ? new String[] {"tenant", "ticketId", "attachmentId"} : new String[] {"tenant", "ticketId"});
            refs.add(new Ref(ref.text("tenant"), ref.text("ticketId"), attachments ? ref.text("attachmentId") : null));
        }
        return refs;
    }

    // ---- failures and the record ----

    /** Input: a batch plus {@code error} (the engine's error object). Records the failure in the run. */
    public JsonNode batchFailed(JsonNode input) {
        StepPayload in = StepPayload.of(WorkflowDefinition.BATCH_FAILED, input, "runId", "asOf", "rule", "batch",
                "items", "error");
        String runId = in.runId();
        String batchKey = in.text("batch");
        String error = describe(in.node("error"));
        runs.update(runId, run -> run.withFailure(batchKey + ": " + error));
        return Json.object().put("batch", batchKey).put("failed", true);
    }

    /** Input: {@code {"runId","asOf","error"?}}. Completes the run record and returns it. */
    public JsonNode record(JsonNode input) {
        StepPayload in = StepPayload.of(WorkflowDefinition.RECORD, input, "runId", "asOf", "error");
        String runId = in.runId();
        in.instant("asOf");
        JsonNode errorNode = in.node("error");
        String error = errorNode == null || errorNode.isNull() ? null : describe(errorNode);
        String finishedAt = runs.now().toString();
        WorkflowRun run = runs.update(runId, current -> current.finished(finishedAt,
                error == null ? "SUCCEEDED" : "FAILED", error));
        telemetry.increment(Metrics.WORKFLOW_RUNS, error == null ? "succeeded" : "failed");
        return WorkflowJson.run(run);
    }

    private static String describe(JsonNode error) {
        if (error == null || error.isNull()) {
            return "unknown error";
        }
        if (error.isTextual()) {
            return error.asText();
        }
        String name = error.path("Error").asText(error.path("error").asText("error"));
        String cause = error.path("Cause").asText(error.path("cause").asText(""));
        String text = cause.isEmpty() ? name : name + ": " + cause;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    static String digest(JsonNode node) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.bytes(node));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
