package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.events.S3Events;
import dev.supportdesk.config.FunctionsConfiguration;
import dev.supportdesk.http.Json;
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
 * becomes a neutral {@link BlobCreated} for the core's {@code attachmentUploaded} function (the OCR
 * function takes this place once it exists). Records of other buckets are skipped. A malformed
 * notification fails the invocation, so that Lambda's retries and the on-failure destination keep it.
 */
public final class S3UploadHandler implements RequestStreamHandler {

    private final Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded;
    private final String bucket;

    public S3UploadHandler() {
        this(AwsRuntime.shared());
    }

    public S3UploadHandler(ApplicationContext context) {
        this.attachmentUploaded = context.getBean(FunctionCatalog.class).lookup(FunctionsConfiguration.ATTACHMENT_UPLOADED);
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
            String outcome = created.bucket().equals(bucket)
                    ? attachmentUploaded.apply(created.blob()).name()
                    : "SKIPPED_OTHER_BUCKET";
            results.addObject().put("key", created.blob().key()).put("outcome", outcome);
        }
        output.write(Json.bytes(summary));
    }
}
