package dev.supportdesk.local;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.tickets.TicketStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against the H2 file database the local runtime uses. */
class JdbcTicketStoreTest extends TicketStoreContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcTicketStore store;

    @BeforeEach
    void openDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        dataSource.setUsername("sa");
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
}
