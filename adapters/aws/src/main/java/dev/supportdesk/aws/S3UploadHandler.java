package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.S3Events;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.aws.telemetry.XRayTrace;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.ocr.BlobCreatedHandler;
import dev.supportdesk.ports.BlobCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point for S3 {@code ObjectCreated} notifications on the uploads bucket: each record
 * becomes a neutral {@link BlobCreated} for the core's {@code blobCreated} function, which records the
 * upload and reads the document's text (exactly once per content version, so S3's duplicate and late
 * deliveries are harmless). Records of other buckets are ignored. A malformed notification, or a
 * failure the OCR work leaves retryable, fails the invocation, so that Lambda's retries and the
 * on-failure destination keep it.
 */
public final class S3UploadHandler implements RequestStreamHandler {

    private final Function<BlobCreated, BlobCreatedHandler.Outcome> blobCreated;
    private final String bucket;

    public S3UploadHandler() {
        this(AwsRuntime.shared(AwsOcrConfiguration.class));
    }

    public S3UploadHandler(ApplicationContext context) {
        this.blobCreated = context.getBean(FunctionCatalog.class).lookup(FunctionNames.BLOB_CREATED);
        this.bucket = context.getBean(AwsProperties.class).bucketName();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(input);
        } catch (IOException e) {
            throw new IllegalArgumentException("the S3 notification is not valid JSON", e);
        }
        ObjectNode summary = Json.object();
        ArrayNode results = summary.putArray("records");
        try (LogContext.Scope scope = LogContext.open(FunctionNames.BLOB_CREATED,
                context == null ? null : context.getAwsRequestId(), XRayTrace.current())) {
            handle(event, results);
        }
        output.write(Json.bytes(summary));
    }

    private void handle(JsonNode event, ArrayNode results) {
        for (S3Events.Created created : S3Events.created(event)) {
            ObjectNode result = results.addObject().put("key", created.blob().key());
            if (!created.bucket().equals(bucket)) {
                result.put("outcome", "IGNORED_OTHER_BUCKET");
                continue;
            }
            BlobCreatedHandler.Outcome outcome = blobCreated.apply(created.blob());
            result.put("outcome", outcome.upload().name());
            outcome.ocr().ifPresent(ocr -> result.put("ocr", ocr.name()));
        }
    }
}
