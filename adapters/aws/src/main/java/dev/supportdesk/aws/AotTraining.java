package dev.supportdesk.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The training run of a function's JDK AOT cache ({@code src/aot/train.sh}, at package time): the
 * handler's constructor (the Spring context, SDK clients) and the requests a first invocation makes
 * (health; a ticket read; a find-due step), against a {@link TrainingEndpoint} that answers every store
 * call with "nothing found", so routing, identity, JSON and the SDK's request and response path are
 * all trained. Not used at run time.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        try (TrainingEndpoint store = TrainingEndpoint.serve(URI.create(System.getenv("AWS_ENDPOINT_URL")))) {
            train(args[0]);
        }
        System.exit(0);
    }

    private static void train(String entry) {
        switch (entry) {
            case "api" -> {
                HttpApiHandler handler = new HttpApiHandler();
                for (String path : new String[] {"/health", "/tickets/2b8c6a4e-0000-4000-8000-000000000000", "/tickets"}) {
                    invoke(handler::handleRequest, apiEvent(path));
                }
            }
            case "workflow" -> {
                StepHandler handler = new StepHandler();
                invoke(handler::handleRequest, "{\"step\":\"workflowFindDue\",\"input\":{\"runId\":\"20260101T000000Z-training\","
                        + "\"asOf\":\"2026-01-01T00:00:00Z\",\"rule\":\"ESCALATE\",\"round\":0,\"cursor\":null}}");
                invoke(handler::handleRequest, "{\"step\":\"nope\",\"input\":{}}");
            }
            default -> throw new IllegalArgumentException("unknown entry " + entry);
        }
    }

    interface Handler {
        void handle(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context context)
                throws java.io.IOException;
    }

    private static void invoke(Handler handler, String event) {
        try {
            handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (Exception | Error e) {
            // expected for the calls that reach the (absent) store: the point is the code path, not the answer
        }
    }

    static String apiEvent(String path) {
        return """
                {"version":"2.0","routeKey":"$default","rawPath":"%s","rawQueryString":"",
                 "headers":{"accept":"application/json","content-length":"0","host":"training"},
                 "requestContext":{"accountId":"123456789012","apiId":"training","domainName":"training",
                   "authorizer":{"jwt":{"claims":{"sub":"training","custom:tenant":"training","cognito:groups":"[customer]"},"scopes":null}},
                   "http":{"method":"GET","path":"%s","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"training"},
                   "requestId":"training","routeKey":"$default","stage":"$default","time":"01/Jan/2026:00:00:00 +0000",
                   "timeEpoch":1767225600000},
                 "isBase64Encoded":false}""".formatted(path, path);
    }
}
