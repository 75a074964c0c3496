package dev.supportdesk.aws;

import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.ocr.OcrLeaseContract;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.TicketStore;

/** OCR lease resumption and attempts on DynamoDB Local and moto's S3. */
class DynamoDbOcrLeaseTest extends OcrLeaseContract {

    private final DynamoDbTicketStore store = new DynamoDbTicketStore(Emulators.dynamoDb(), Emulators.TABLE);
    private final S3BlobStore blobs = new S3BlobStore(Emulators.s3(), Emulators.presigner(), Emulators.BUCKET);

    @Override
    protected TicketStore store() {
        return store;
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }
}
