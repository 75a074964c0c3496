package dev.supportdesk.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.springframework.context.ApplicationContext;

/**
 * SnapStart runtime hooks (CRaC) of the API and workflow-step functions. Before the snapshot, the
 * real request path runs through the handler, so the classes, JIT state and SDK request pipeline it
 * needs are in the snapshot: for the API {@code GET /health} and a ticket read that finds nothing
 * (event parsing, claims → identity, routing, JSON, a DynamoDB GetItem); for the workflow a find-due
 * step as of 1980-01-01 (a store query that finds nothing: older than any ticket, and than the store
 * contract's test data). Only reads: priming writes nothing and creates no id, and telemetry is silent meanwhile ({@link PrimingAwareTelemetry}). After the restore, credentials resolved before the snapshot are dropped
 * ({@link AwsClients#refreshCredentials()}), so restored instances do not share them.
 */
public final class SnapStartPriming implements Resource {

    /** CRaC holds resources weakly: the registered one lives here. */
    private static volatile SnapStartPriming registered;

    private final HttpApiHandler api;
    private final StepHandler steps;
    private final PrimingAwareTelemetry telemetry;
    private final List<String> outcomes = new ArrayList<>();

    SnapStartPriming(HttpApiHandler api, StepHandler steps, ApplicationContext context) {
        this.api = api;
        this.steps = steps;
        this.telemetry = context.getBean(PrimingAwareTelemetry.class);
    }

    /**
     * Registers the hooks for the function an instance runs (exactly one of the two handlers is non-null),
     * built on the instance's context.
     */
    static void register(HttpApiHandler api, StepHandler steps) {
        SnapStartPriming priming = new SnapStartPriming(api, steps, AwsRuntime.current());
        registered = priming;
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        telemetry.silently(this::prime);
    }

    private void prime() throws IOException {
        if (api != null) {
            outcomes.add(invokeApi("/health"));
            outcomes.add(invokeApi("/tickets/00000000-0000-4000-8000-00000000cafe"));
        }
        if (steps != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            steps.handleRequest(new ByteArrayInputStream(("{\"step\":\"workflowFindDue\",\"input\":{\"runId\":"
                    + "\"19800101T000000Z-snapstart-priming\",\"asOf\":\"1980-01-01T00:00:00Z\",\"rule\":\"ESCALATE\","
                    + "\"round\":0,\"cursor\":null}}").getBytes(StandardCharsets.UTF_8)), out, null);
            outcomes.add(out.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        AwsClients.refreshCredentials();
    }

    /** What the last priming answered, in order (for tests and logs). */
    List<String> outcomes() {
        return List.copyOf(outcomes);
    }

    private String invokeApi(String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        api.handleRequest(new ByteArrayInputStream(primingEvent(path).getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An API Gateway v2 event of a caller of a tenant nobody uses, as the gateway's JWT authorizer passes it. */
    static String primingEvent(String path) {
        return AotTraining.apiEvent(path).replace("\"training\"", "\"snapstart-priming\"");
    }
}
