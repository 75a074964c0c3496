package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.S3Events;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.json.Json;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.tickets.AttachmentUploads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point for S3 {@code ObjectCreated} notifications on the uploads bucket: each record
 * becomes a neutral {@link BlobCreated} for the core's {@code attachmentUploaded} function and then
 * for {@code ocrAttachment}, which reads the document's text (exactly once per content version, so
 * S3's duplicate and late deliveries are harmless). Records of other buckets are skipped. A malformed
 * notification, or a failure the OCR function leaves retryable, fails the invocation, so that
 * Lambda's retries and the on-failure destination keep it.
 */
public final class S3UploadHandler implements RequestStreamHandler {

    private final Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded;
    private final Function<BlobCreated, OcrService.Outcome> ocrAttachment;
    private final String bucket;

    public S3UploadHandler() {
        this(AwsRuntime.shared(AwsOcrConfiguration.class));
    }

    public S3UploadHandler(ApplicationContext context) {
        FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
        this.attachmentUploaded = catalog.lookup(FunctionNames.ATTACHMENT_UPLOADED);
        this.ocrAttachment = catalog.lookup(FunctionNames.OCR_ATTACHMENT);
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
        for (S3Events.Created created : S3Events.created(event)) {
            ObjectNode result = results.addObject().put("key", created.blob().key());
            if (!created.bucket().equals(bucket)) {
                result.put("outcome", "SKIPPED_OTHER_BUCKET");
                continue;
            }
            result.put("outcome", attachmentUploaded.apply(created.blob()).name());
            result.put("ocr", ocrAttachment.apply(created.blob()).name());
        }
        output.write(Json.bytes(summary));
    }
}
