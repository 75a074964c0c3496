package dev.supportdesk.local;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.contract.WorkflowStoreContract;
import dev.supportdesk.local.store.JdbcWorkflowStore;
import dev.supportdesk.workflow.WorkflowStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The workflow store contract against the local H2 file database. */
class JdbcWorkflowStoreTest extends WorkflowStoreContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcWorkflowStore store;

    @BeforeEach
    void openDatabase() {
        dataSource = H2TestDatabase.open(folder);
        store = new JdbcWorkflowStore(dataSource);
        store.createSchema();
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected WorkflowStore store() {
        return store;
    }
}
