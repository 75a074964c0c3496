package dev.supportdesk.azure;

import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.ocr.OcrLeaseContract;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.TicketStore;

/** OCR lease resumption and attempts on Azurite's Table and Blob services. */
class TableOcrLeaseTest extends OcrLeaseContract {

    private final TableTicketStore store = new TableTicketStore(Emulators.table());
    private final BlobStorageBlobStore blobs = new BlobStorageBlobStore(Emulators.container(), false);

    @Override
    protected TicketStore store() {
        return store;
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }
}
