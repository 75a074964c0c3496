package dev.supportdesk.local.store;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.ResponseQuery;
import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.tickets.SweepEntry;
import dev.supportdesk.tickets.SweepKey;
import dev.supportdesk.tickets.SweepQuery;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketQuery;
import dev.supportdesk.tickets.TicketStatus;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The ticket store of the local runtime, on an embedded H2 file database. Updates are
 * {@code UPDATE ... WHERE version = ?}, so a stale write changes no row and is reported, never applied.
 * Lists read the rows after a position in their sort order. Tickets and attachments carry the
 * {@link SweepKey} the core computes for them ({@code sweep_bucket}, {@code sweep_at}, null when none),
 * and the view {@code sweep_entries} serves the workflow's sweeps from both tables.
 */
public final class JdbcTicketStore implements TicketStore {

    private static final String TICKET_COLUMNS =
            "tenant, id, requester, subject, description, priority, status, assignee, created_at, updated_at, version";

    private final JdbcTemplate jdbc;

    public JdbcTicketStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void createSchema() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS tickets (
                  tenant VARCHAR(64) NOT NULL, id VARCHAR(36) NOT NULL, requester VARCHAR(128) NOT NULL,
                  subject VARCHAR(1000) NOT NULL, description VARCHAR(100000) NOT NULL,
                  priority VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, assignee VARCHAR(128),
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version BIGINT NOT NULL,
                  PRIMARY KEY (tenant, id))""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS tickets_by_time ON tickets (tenant, created_at, id)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS tickets_by_status ON tickets (tenant, status, created_at, id)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS tickets_by_requester ON tickets (tenant, requester, created_at, id)");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS responses (
                  tenant VARCHAR(64) NOT NULL, ticket_id VARCHAR(36) NOT NULL, id VARCHAR(36) NOT NULL,
                  author VARCHAR(128) NOT NULL, body VARCHAR(100000) NOT NULL, visibility VARCHAR(16) NOT NULL,
                  created_at BIGINT NOT NULL,
                  PRIMARY KEY (tenant, ticket_id, id))""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS responses_by_time ON responses (tenant, ticket_id, created_at, id)");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS attachments (
                  tenant VARCHAR(64) NOT NULL, ticket_id VARCHAR(36) NOT NULL, id VARCHAR(36) NOT NULL,
                  file_name VARCHAR(1000) NOT NULL, content_type VARCHAR(100) NOT NULL, size BIGINT NOT NULL,
                  blob_key VARCHAR(300) NOT NULL, created_at BIGINT NOT NULL, uploaded_at BIGINT,
                  ocr_status VARCHAR(16) NOT NULL, ocr_text VARCHAR(1000000), version BIGINT NOT NULL,
                  PRIMARY KEY (tenant, ticket_id, id))""");
        // Databases created before text extraction existed gain the column; their rows read as "no state".
        jdbc.execute("ALTER TABLE attachments ADD COLUMN IF NOT EXISTS ocr_state VARCHAR(100000)");
        jdbc.execute("ALTER TABLE attachments ADD COLUMN IF NOT EXISTS quarantine_reason VARCHAR(1000)");
        boolean backfill = !hasColumn("TICKETS", "SWEEP_BUCKET");
        for (String table : List.of("tickets", "attachments")) {
            jdbc.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS sweep_bucket VARCHAR(64)");
            jdbc.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS sweep_at BIGINT");
        }
        jdbc.execute("DROP INDEX IF EXISTS tickets_by_activity");
        jdbc.execute("DROP INDEX IF EXISTS attachments_by_ocr");
        jdbc.execute("CREATE INDEX IF NOT EXISTS tickets_by_sweep ON tickets (sweep_bucket, sweep_at, tenant, id)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS attachments_by_sweep ON attachments (sweep_bucket, sweep_at, tenant, ticket_id, id)");
        jdbc.execute("""
                CREATE OR REPLACE VIEW sweep_entries AS
                  SELECT sweep_bucket, sweep_at, tenant, id AS ticket_id, '' AS attachment_id
                    FROM tickets WHERE sweep_bucket IS NOT NULL
                  UNION ALL
                  SELECT sweep_bucket, sweep_at, tenant, ticket_id, id AS attachment_id
                    FROM attachments WHERE sweep_bucket IS NOT NULL""");
        if (backfill) {
            writeSweepKeysOfExistingRows();
        }
    }

    private boolean hasColumn(String table, String column) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?",
                Integer.class, table, column);
        return count != null && count > 0;
    }

    /** Databases created before sweep keys existed get them once, as the core computes them. */
    private void writeSweepKeysOfExistingRows() {
        jdbc.query("SELECT " + TICKET_COLUMNS + " FROM tickets", TICKET).forEach(t -> SweepKey.of(t).ifPresent(key ->
                jdbc.update("UPDATE tickets SET sweep_bucket = ?, sweep_at = ? WHERE tenant = ? AND id = ?",
                        key.bucket(), millis(key.at()), t.tenant(), t.id())));
        jdbc.query("SELECT * FROM attachments", ATTACHMENT).forEach(a -> SweepKey.of(a).ifPresent(key ->
                jdbc.update("UPDATE attachments SET sweep_bucket = ?, sweep_at = ? WHERE tenant = ? AND ticket_id = ? AND id = ?",
                        key.bucket(), millis(key.at()), a.tenant(), a.ticketId(), a.id())));
    }

    @Override
    public void create(Ticket t) {
        Optional<SweepKey> sweep = SweepKey.of(t);
        jdbc.update("INSERT INTO tickets (" + TICKET_COLUMNS + ", sweep_bucket, sweep_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.tenant(), t.id(), t.requester(), t.subject(), t.description(), t.priority().name(),
                t.status().name(), t.assignee(), millis(t.createdAt()), millis(t.updatedAt()), t.version(),
                bucketOrNull(sweep), atOrNull(sweep));
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return jdbc.query("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE tenant = ? AND id = ?",
                TICKET, tenant, ticketId).stream().findFirst();
    }

    @Override
    public void update(Ticket t, long expectedVersion) {
        Optional<SweepKey> sweep = SweepKey.of(t);
        int changed = jdbc.update("""
                        UPDATE tickets SET subject = ?, description = ?, priority = ?, status = ?, assignee = ?,
                          updated_at = ?, version = ?, sweep_bucket = ?, sweep_at = ?
                        WHERE tenant = ? AND id = ? AND version = ?""",
                t.subject(), t.description(), t.priority().name(), t.status().name(), t.assignee(),
                millis(t.updatedAt()), t.version(), bucketOrNull(sweep), atOrNull(sweep), t.tenant(), t.id(),
                expectedVersion);
        if (changed == 0) {
            throw new StaleVersionException("ticket " + t.id() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public List<Ticket> list(TicketQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE tenant = ?");
        List<Object> args = new ArrayList<>(List.of(query.tenant()));
        query.status().ifPresent(status -> {
            sql.append(" AND status = ?");
            args.add(status.name());
        });
        query.requester().ifPresent(requester -> {
            sql.append(" AND requester = ?");
            args.add(requester);
        });
        query.after().ifPresent(after -> {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.addAll(List.of(millis(after.createdAt()), after.id()));
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(query.fetch());
        return jdbc.query(sql.toString(), TICKET, args.toArray());
    }

    @Override
    public void addResponse(Response r) {
        try {
            jdbc.update("INSERT INTO responses (tenant, ticket_id, id, author, body, visibility, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    r.tenant(), r.ticketId(), r.id(), r.author(), r.body(), r.visibility().name(), millis(r.createdAt()));
        } catch (DuplicateKeyException e) {
            // Like the cloud stores' conditional puts: a response is written once, never replaced.
            throw new StaleVersionException("response " + r.id() + " already exists");
        }
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        return jdbc.query("SELECT * FROM responses WHERE tenant = ? AND ticket_id = ? AND id = ?",
                RESPONSE, tenant, ticketId, responseId).stream().findFirst();
    }

    @Override
    public List<Response> listResponses(ResponseQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM responses WHERE tenant = ? AND ticket_id = ?");
        List<Object> args = new ArrayList<>(List.of(query.tenant(), query.ticketId()));
        if (!query.includeInternal()) {
            sql.append(" AND visibility = 'PUBLIC'");
        }
        query.after().ifPresent(after -> {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.addAll(List.of(millis(after.createdAt()), after.id()));
        });
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(query.fetch());
        return jdbc.query(sql.toString(), RESPONSE, args.toArray());
    }

    @Override
    public void addAttachment(Attachment a) {
        Optional<SweepKey> sweep = SweepKey.of(a);
        jdbc.update("""
                        INSERT INTO attachments (tenant, ticket_id, id, file_name, content_type, size, blob_key, created_at,
                          uploaded_at, ocr_status, ocr_text, version, ocr_state, quarantine_reason, sweep_bucket, sweep_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                a.tenant(), a.ticketId(), a.id(), a.fileName(), a.contentType(), a.size(), a.blobKey(),
                millis(a.createdAt()), millisOrNull(a.uploadedAt()), a.ocrStatus().name(), a.ocrText(), a.version(),
                stateOrNull(a.ocr()), a.quarantineReason(), bucketOrNull(sweep), atOrNull(sweep));
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return jdbc.query("SELECT * FROM attachments WHERE tenant = ? AND ticket_id = ? AND id = ?",
                ATTACHMENT, tenant, ticketId, attachmentId).stream().findFirst();
    }

    @Override
    public void updateAttachment(Attachment a, long expectedVersion) {
        Optional<SweepKey> sweep = SweepKey.of(a);
        int changed = jdbc.update("""
                        UPDATE attachments SET uploaded_at = ?, ocr_status = ?, ocr_text = ?, version = ?, ocr_state = ?,
                          quarantine_reason = ?, sweep_bucket = ?, sweep_at = ?
                        WHERE tenant = ? AND ticket_id = ? AND id = ? AND version = ?""",
                millisOrNull(a.uploadedAt()), a.ocrStatus().name(), a.ocrText(), a.version(), stateOrNull(a.ocr()),
                a.quarantineReason(), bucketOrNull(sweep), atOrNull(sweep), a.tenant(), a.ticketId(), a.id(), expectedVersion);
        if (changed == 0) {
            throw new StaleVersionException("attachment " + a.id() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public List<SweepEntry> sweep(SweepQuery query) {
        StringBuilder sql = new StringBuilder(
                "SELECT sweep_at, tenant, ticket_id, attachment_id FROM sweep_entries WHERE sweep_bucket = ? AND sweep_at <= ?");
        List<Object> args = new ArrayList<>(List.of(query.bucket(), millis(query.notAfter())));
        query.after().ifPresent(after -> {
            sql.append(" AND (sweep_at, tenant, ticket_id, attachment_id) > (?, ?, ?, ?)");
            args.addAll(List.of(millis(after.at()), after.tenant(), after.ticketId(), after.attachmentId().orElse("")));
        });
        sql.append(" ORDER BY sweep_at, tenant, ticket_id, attachment_id LIMIT ?");
        args.add(query.fetch());
        return jdbc.query(sql.toString(), SWEEP_ENTRY, args.toArray());
    }

    private static final RowMapper<Ticket> TICKET = (rs, row) -> new Ticket(
            rs.getString("id"), rs.getString("tenant"), rs.getString("requester"), rs.getString("subject"),
            rs.getString("description"), Priority.valueOf(rs.getString("priority")),
            TicketStatus.valueOf(rs.getString("status")), rs.getString("assignee"),
            instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));

    private static final RowMapper<Response> RESPONSE = (rs, row) -> new Response(
            rs.getString("id"), rs.getString("tenant"), rs.getString("ticket_id"), rs.getString("author"),
            rs.getString("body"), Visibility.valueOf(rs.getString("visibility")), instant(rs, "created_at"));

    private static final RowMapper<Attachment> ATTACHMENT = (rs, row) -> new Attachment(
            rs.getString("id"), rs.getString("tenant"), rs.getString("ticket_id"), rs.getString("file_name"),
            rs.getString("content_type"), rs.getLong("size"), rs.getString("blob_key"), instant(rs, "created_at"),
            instant(rs, "uploaded_at"), OcrStatus.valueOf(rs.getString("ocr_status")), rs.getString("ocr_text"),
            rs.getLong("version"), OcrState.fromJson(rs.getString("ocr_state")), rs.getString("quarantine_reason"));

    private static final RowMapper<SweepEntry> SWEEP_ENTRY = (rs, row) -> new SweepEntry(
            instant(rs, "sweep_at"), rs.getString("tenant"), rs.getString("ticket_id"),
            Optional.of(rs.getString("attachment_id")).filter(id -> !id.isEmpty()));

    private static String bucketOrNull(Optional<SweepKey> sweep) {
        return sweep.map(SweepKey::bucket).orElse(null);
    }

    private static Long atOrNull(Optional<SweepKey> sweep) {
        return sweep.map(key -> millis(key.at())).orElse(null);
    }

    private static String stateOrNull(OcrState state) {
        return state == OcrState.NONE ? null : state.toJson();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static Long millisOrNull(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
