package dev.supportdesk.local;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.local.blobs.FolderBlobStore;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.ocr.OcrLeaseContract;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.tickets.TicketStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** OCR lease resumption and attempts on the local app's H2 store and blob folder. */
class JdbcOcrLeaseTest extends OcrLeaseContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcTicketStore store;
    private FolderBlobStore blobs;

    @BeforeEach
    void open() {
        dataSource = H2TestDatabase.open(folder);
        store = new JdbcTicketStore(dataSource);
        store.createSchema();
        blobs = new FolderBlobStore(folder.resolve("blobs"), new byte[32], () -> "http://127.0.0.1:1", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Override
    protected TicketStore store() {
        return store;
    }

    @Override
    protected BlobStore blobs() {
        return blobs;
    }
}
