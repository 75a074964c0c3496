package dev.supportdesk.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local runtime only.
 *
 * @param dataDir where the database, the blobs and the signing keys live; survives restarts
 * @param publicUrl the base URL clients reach this app on (upload URLs point there); empty means
 *                  {@code http://<bind address>:<port>}
 * @param maxTokenValidity the longest lifetime {@code POST /local/tokens} grants
 * @param modelsDir model packages ({@code {name}/{version}/...}, {@code {name}/current}) copied into
 *                  the blob store at start-up where the store has none yet; the repository ships
 *                  the default wine-quality package there
 * @param workflowSchedule when the local app runs the workflow by itself: an interval ({@code 15m}),
 *                         a Spring cron expression ({@code 0 0/15 * * * *}) or {@code off}
 * @param tokenEndpoint whether {@code POST /local/tokens} mints tokens at all
 * @param remoteTokenMinting lets {@code POST /local/tokens} mint tokens for callers that are not on
 *                           this machine (any peer address, any Host header); without it the app
 *                           refuses to start with the endpoint on and a non-loopback
 *                           {@code server.address}
 * @param telemetry the local runtime's telemetry: the functions report to the in-process registry served on
 *                  {@code GET /metrics}, and every request gets a request id and a trace in its log context and on
 *                  its response ({@code X-Request-Id}, {@code traceparent}). {@code false} swaps in
 *                  {@link dev.supportdesk.telemetry.Telemetry#noop()} and skips correlation (the registry stays,
 *                  empty); for measuring telemetry's cost ({@code benchmarks/telemetry}), not for running
 */
@ConfigurationProperties("supportdesk.local")
public record LocalProperties(
        @DefaultValue("local-data") Path dataDir,
        @DefaultValue("") String publicUrl,
        @DefaultValue("12h") Duration maxTokenValidity,
        @DefaultValue("models") String modelsDir,
        @DefaultValue("15m") String workflowSchedule,
        @DefaultValue("true") boolean tokenEndpoint,
        @DefaultValue("false") boolean remoteTokenMinting,
        @DefaultValue("true") boolean telemetry) {
}
