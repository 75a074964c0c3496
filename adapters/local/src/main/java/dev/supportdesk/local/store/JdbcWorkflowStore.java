package dev.supportdesk.local.store;

import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.workflow.WorkflowStore;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The workflow's records in the local H2 database: one row per document, writes conditional on version. */
public final class JdbcWorkflowStore implements WorkflowStore {

    private final JdbcTemplate jdbc;

    public JdbcWorkflowStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void createSchema() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS workflow_docs (
                  kind VARCHAR(32) NOT NULL, id VARCHAR(300) NOT NULL, json CLOB NOT NULL, version BIGINT NOT NULL,
                  PRIMARY KEY (kind, id))""");
    }

    @Override
    public Optional<WorkflowDoc> find(String kind, String id) {
        return jdbc.query("SELECT * FROM workflow_docs WHERE kind = ? AND id = ?", DOC, kind, id).stream().findFirst();
    }

    @Override
    public void put(WorkflowDoc doc, long expectedVersion) {
        if (expectedVersion == 0) {
            try {
                jdbc.update("INSERT INTO workflow_docs (kind, id, json, version) VALUES (?, ?, ?, ?)",
                        doc.kind(), doc.id(), doc.json(), doc.version());
            } catch (DuplicateKeyException e) {
                throw new StaleVersionException(doc.kind() + " " + doc.id() + " exists already");
            }
            return;
        }
        int changed = jdbc.update("UPDATE workflow_docs SET json = ?, version = ? WHERE kind = ? AND id = ? AND version = ?",
                doc.json(), doc.version(), doc.kind(), doc.id(), expectedVersion);
        if (changed == 0) {
            throw new StaleVersionException(doc.kind() + " " + doc.id() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public List<WorkflowDoc> latest(String kind, int limit) {
        return jdbc.query("SELECT * FROM workflow_docs WHERE kind = ? ORDER BY id DESC LIMIT ?", DOC, kind, limit);
    }

    private static final RowMapper<WorkflowDoc> DOC = (rs, row) -> new WorkflowDoc(rs.getString("kind"),
            rs.getString("id"), rs.getString("json"), rs.getLong("version"));
}
