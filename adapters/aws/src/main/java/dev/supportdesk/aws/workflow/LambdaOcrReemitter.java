package dev.supportdesk.aws.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.workflow.OcrReemitter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Re-emits stuck OCR work on AWS. The workflow's steps run in a zip function without Tesseract, so
 * the work goes back to the OCR function (the container image) as the S3 notification it normally
 * receives, invoked asynchronously: Lambda's retries and on-failure destination then apply as for
 * an upload. The record carries the blob's current ETag, so the OCR function treats it as the same
 * content and its exactly-once rules hold.
 */
public final class LambdaOcrReemitter implements OcrReemitter {

    private static final Logger log = LoggerFactory.getLogger(LambdaOcrReemitter.class);

    private final Supplier<LambdaClient> lambda;
    private final BlobStore blobs;
    private final String ocrFunction;
    private final String bucket;

    public LambdaOcrReemitter(Supplier<LambdaClient> lambda, BlobStore blobs, String ocrFunction, String bucket) {
        this.lambda = lambda;
        this.blobs = blobs;
        this.ocrFunction = ocrFunction;
        this.bucket = bucket;
    }

    @Override
    public void reemit(String tenant, String ticketId, String attachmentId, String blobKey) {
        if (ocrFunction == null || ocrFunction.isBlank()) {
            throw new IllegalStateException("environment variable SUPPORTDESK_AWS_OCR_FUNCTION_ARN is not set");
        }
        Optional<BlobMetadata> blob = blobs.metadata(blobKey);
        if (blob.isEmpty()) {
            log.warn("not re-emitting OCR of {}: the blob is gone", blobKey);
            return;
        }
        String payload = notification(blob.get()).toString();
        int status = lambda.get().invoke(b -> b.functionName(ocrFunction).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode();
        log.info("re-emitted OCR of {} to {} (status {})", blobKey, ocrFunction, status);
    }

    /** An S3 {@code ObjectCreated} notification of one object, as S3 would send it. */
    ObjectNode notification(BlobMetadata blob) {
        ObjectNode event = Json.object();
        ObjectNode record = event.putArray("Records").addObject()
                .put("eventSource", "aws:s3")
                .put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", bucket);
        ObjectNode object = s3.putObject("object")
                .put("key", URLEncoder.encode(blob.key(), StandardCharsets.UTF_8))
                .put("size", blob.size());
        if (blob.etag() != null) {
            object.put("eTag", blob.etag().replace("\"", ""));
        }
        return event;
    }
}
