package dev.supportdesk.telemetry;

import java.util.List;

/**
 * Every metric the functions report, in one place: the local {@code /metrics} view, the CloudWatch
 * alarms and dashboard in {@code sam/template.yaml}, the Azure alerts and {@code docs/operating.md}
 * name exactly these (tests keep them in step).
 */
public final class Metrics {

    /** HTTP requests by route template (or {@value #UNMATCHED}), method and status class. */
    public static final Metric API_REQUESTS = Metric.counter("api_requests_total",
            "HTTP requests handled, by route template, method and status class",
            List.of("route", "method", "status_class"), List.of(List.of("status_class")));
    public static final Metric API_REQUEST_DURATION = Metric.histogram("api_request_duration_seconds",
            "Time from the router receiving a request to its response, by route template, method and status class",
            List.of("route", "method", "status_class"), List.of(List.of("status_class")));

    /** Documents OCR finished, by outcome ({@code done}, {@code rejected}, {@code failed}, ...). */
    public static final Metric OCR_DOCUMENTS = Metric.counter("ocr_documents_total",
            "Documents the OCR pipeline finished, by outcome", List.of("outcome"), List.of());
    /** Pages read, by source: {@code ocr} (the engine) or {@code text-layer} (a PDF page's own text). */
    public static final Metric OCR_PAGES = Metric.counter("ocr_pages_total",
            "Pages read, by source (ocr: the engine; text-layer: a PDF page's own text)", List.of("source"), List.of());
    public static final Metric OCR_PAGE_DURATION = Metric.histogram("ocr_page_duration_seconds",
            "Engine time per OCR page", List.of(), List.of());

    public static final Metric PREDICT_REQUESTS = Metric.counter("predict_requests_total",
            "Prediction requests, by model version and outcome", List.of("model_version", "outcome"),
            List.of(List.of("outcome")));
    public static final Metric PREDICT_ROWS = Metric.counter("predict_rows_total",
            "Rows (instances) predicted, by model version", List.of("model_version"), List.of());
    public static final Metric PREDICT_DURATION = Metric.histogram("predict_duration_seconds",
            "Time to validate and score one prediction request, by model version", List.of("model_version"), List.of());

    public static final Metric WORKFLOW_RUNS = Metric.counter("workflow_runs_total",
            "Workflow runs finished, by outcome", List.of("outcome"), List.of());
    public static final Metric WORKFLOW_RULE_EFFECTS = Metric.counter("workflow_rule_effects_total",
            "What each workflow rule did to a ticket: applied, skipped or failed", List.of("rule", "effect"),
            List.of(List.of("effect")));

    public static final Metric STORE_CONFLICTS = Metric.counter("store_conflicts_total",
            "Conditional writes refused because the stored version had moved on, by operation",
            List.of("operation"), List.of());

    /** The route label of a request no route matched (404, 405): never the raw path. */
    public static final String UNMATCHED = "unmatched";

    public static final List<Metric> ALL = List.of(API_REQUESTS, API_REQUEST_DURATION, OCR_DOCUMENTS, OCR_PAGES,
            OCR_PAGE_DURATION, PREDICT_REQUESTS, PREDICT_ROWS, PREDICT_DURATION, WORKFLOW_RUNS, WORKFLOW_RULE_EFFECTS,
            STORE_CONFLICTS);

    private Metrics() {
    }

    /** {@code 2xx}, {@code 4xx}, {@code 5xx}, ... */
    public static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            default -> "5xx";
        };
    }

    public static Metric byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + name));
    }
}
