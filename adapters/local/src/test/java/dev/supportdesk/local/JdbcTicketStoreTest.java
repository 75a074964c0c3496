package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.Sweeps;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The store contract against the H2 file database the local runtime uses. */
class JdbcTicketStoreTest extends TicketStoreContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcTicketStore store;

    @BeforeEach
    void openDatabase() {
        dataSource = H2TestDatabase.open(folder);
        store = new JdbcTicketStore(dataSource);
        store.createSchema();
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected TicketStore store() {
        return store;
    }

    @Test
    void aDatabaseFromBeforeSweepKeysGetsThemFromTheCoreWhenItsSchemaIsUpgraded() {
        Instant at = Instant.parse("1990-01-01T00:00:00Z");
        Ticket open = new Ticket(UUID.randomUUID().toString(), "old", "alice", "s", "d", Priority.HIGH,
                TicketStatus.OPEN, null, at, at, 1);
        Ticket closed = new Ticket(UUID.randomUUID().toString(), "old", "alice", "s", "d", Priority.HIGH,
                TicketStatus.CLOSED, null, at, at, 1);
        Attachment pending = new Attachment(UUID.randomUUID().toString(), "old", open.id(), "a.png", "image/png", 1,
                "k", at, at, OcrStatus.PENDING, null, 2);
        Attachment done = new Attachment(UUID.randomUUID().toString(), "old", open.id(), "b.png", "image/png", 1,
                "k", at, at, OcrStatus.DONE, "text", 3);
        List.of(open, closed).forEach(store::create);
        List.of(pending, done).forEach(store::addAttachment);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP VIEW sweep_entries");
        jdbc.execute("DROP INDEX tickets_by_sweep");
        jdbc.execute("DROP INDEX attachments_by_sweep");
        for (String table : List.of("tickets", "attachments")) {
            jdbc.execute("ALTER TABLE " + table + " DROP COLUMN sweep_bucket");
            jdbc.execute("ALTER TABLE " + table + " DROP COLUMN sweep_at");
        }

        store.createSchema();

        assertThat(Sweeps.page(store, SweepKey.inactive(TicketStatus.OPEN, Priority.HIGH), at, 10, Optional.empty())
                .items()).containsExactly(new SweepEntry(at, "old", open.id(), Optional.empty()));
        assertThat(Sweeps.page(store, SweepKey.inactive(TicketStatus.CLOSED, Priority.HIGH), at, 10, Optional.empty())
                .items()).isEmpty();
        assertThat(Sweeps.page(store, SweepKey.ocr(OcrStatus.PENDING), at, 10, Optional.empty()).items())
                .containsExactly(new SweepEntry(at, "old", open.id(), Optional.of(pending.id())));
        assertThat(Sweeps.page(store, SweepKey.ocr(OcrStatus.DONE), at, 10, Optional.empty()).items()).isEmpty();
    }
}
