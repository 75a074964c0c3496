package dev.supportdesk.local.store;

import dev.supportdesk.json.Json;

import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.InvalidCursorException;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Page;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.StaleVersionException;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The ticket store of the local runtime, on an embedded H2 file database. Updates are
 * {@code UPDATE ... WHERE version = ?}, so a stale write changes no row and is reported, never applied.
 * Lists use keyset pagination; a cursor is the sort key of the last row returned.
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
        jdbc.execute("CREATE INDEX IF NOT EXISTS tickets_by_activity ON tickets (status, priority, updated_at, tenant, id)");
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
        jdbc.execute("CREATE INDEX IF NOT EXISTS attachments_by_ocr ON attachments (ocr_status, uploaded_at, tenant, ticket_id, id)");
    }

    @Override
    public void create(Ticket t) {
        jdbc.update("INSERT INTO tickets (" + TICKET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.tenant(), t.id(), t.requester(), t.subject(), t.description(), t.priority().name(),
                t.status().name(), t.assignee(), millis(t.createdAt()), millis(t.updatedAt()), t.version());
    }

    @Override
    public Optional<Ticket> find(String tenant, String ticketId) {
        return jdbc.query("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE tenant = ? AND id = ?",
                TICKET, tenant, ticketId).stream().findFirst();
    }

    @Override
    public void update(Ticket t, long expectedVersion) {
        int changed = jdbc.update("""
                        UPDATE tickets SET subject = ?, description = ?, priority = ?, status = ?, assignee = ?,
                          updated_at = ?, version = ?
                        WHERE tenant = ? AND id = ? AND version = ?""",
                t.subject(), t.description(), t.priority().name(), t.status().name(), t.assignee(),
                millis(t.updatedAt()), t.version(), t.tenant(), t.id(), expectedVersion);
        if (changed == 0) {
            throw new StaleVersionException("ticket " + t.id() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
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
        query.cursor().map(SortKey::parse).ifPresent(after -> {
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            args.addAll(List.of(after.millis(), after.millis(), after.id()));
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(query.limit() + 1);
        List<Ticket> rows = jdbc.query(sql.toString(), TICKET, args.toArray());
        return page(rows, query.limit(), t -> new SortKey(millis(t.createdAt()), t.id()));
    }

    @Override
    public void addResponse(Response r) {
        jdbc.update("INSERT INTO responses (tenant, ticket_id, id, author, body, visibility, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                r.tenant(), r.ticketId(), r.id(), r.author(), r.body(), r.visibility().name(), millis(r.createdAt()));
    }

    @Override
    public Optional<Response> findResponse(String tenant, String ticketId, String responseId) {
        return jdbc.query("SELECT * FROM responses WHERE tenant = ? AND ticket_id = ? AND id = ?",
                RESPONSE, tenant, ticketId, responseId).stream().findFirst();
    }

    @Override
    public Page<Response> listResponses(String tenant, String ticketId, boolean includeInternal, int limit,
                                        Optional<String> cursor) {
        StringBuilder sql = new StringBuilder("SELECT * FROM responses WHERE tenant = ? AND ticket_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenant, ticketId));
        if (!includeInternal) {
            sql.append(" AND visibility = 'PUBLIC'");
        }
        cursor.map(SortKey::parse).ifPresent(after -> {
            sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            args.addAll(List.of(after.millis(), after.millis(), after.id()));
        });
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(limit + 1);
        List<Response> rows = jdbc.query(sql.toString(), RESPONSE, args.toArray());
        return page(rows, limit, r -> new SortKey(millis(r.createdAt()), r.id()));
    }

    @Override
    public void addAttachment(Attachment a) {
        jdbc.update("""
                        INSERT INTO attachments (tenant, ticket_id, id, file_name, content_type, size, blob_key, created_at,
                          uploaded_at, ocr_status, ocr_text, version, ocr_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                a.tenant(), a.ticketId(), a.id(), a.fileName(), a.contentType(), a.size(), a.blobKey(),
                millis(a.createdAt()), millisOrNull(a.uploadedAt()), a.ocrStatus().name(), a.ocrText(), a.version(),
                stateOrNull(a.ocr()));
    }

    @Override
    public Optional<Attachment> findAttachment(String tenant, String ticketId, String attachmentId) {
        return jdbc.query("SELECT * FROM attachments WHERE tenant = ? AND ticket_id = ? AND id = ?",
                ATTACHMENT, tenant, ticketId, attachmentId).stream().findFirst();
    }

    @Override
    public void updateAttachment(Attachment a, long expectedVersion) {
        int changed = jdbc.update("""
                        UPDATE attachments SET uploaded_at = ?, ocr_status = ?, ocr_text = ?, version = ?, ocr_state = ?
                        WHERE tenant = ? AND ticket_id = ? AND id = ? AND version = ?""",
                millisOrNull(a.uploadedAt()), a.ocrStatus().name(), a.ocrText(), a.version(), stateOrNull(a.ocr()),
                a.tenant(), a.ticketId(), a.id(), expectedVersion);
        if (changed == 0) {
            throw new StaleVersionException("attachment " + a.id() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public Page<Ticket> listInactive(TicketStatus status, Priority priority, Instant notAfter, int limit,
                                     Optional<String> cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + TICKET_COLUMNS
                + " FROM tickets WHERE status = ? AND status <> 'CLOSED' AND priority = ? AND updated_at <= ?");
        List<Object> args = new ArrayList<>(List.of(status.name(), priority.name(), millis(notAfter)));
        cursor.map(SweepKey::parse).ifPresent(after -> {
            if (after.parts().size() != 2) {
                throw new InvalidCursorException("not a position in a list of tickets");
            }
            sql.append(" AND (updated_at > ? OR (updated_at = ? AND (tenant > ? OR (tenant = ? AND id > ?))))");
            args.addAll(List.of(after.millis(), after.millis(), after.parts().get(0), after.parts().get(0),
                    after.parts().get(1)));
        });
        sql.append(" ORDER BY updated_at, tenant, id LIMIT ?");
        args.add(limit + 1);
        List<Ticket> rows = jdbc.query(sql.toString(), TICKET, args.toArray());
        return sweepPage(rows, limit, t -> new SweepKey(millis(t.updatedAt()), List.of(t.tenant(), t.id())));
    }

    @Override
    public Page<Attachment> listAttachmentsByOcr(OcrStatus status, Instant notAfter, int limit, Optional<String> cursor) {
        StringBuilder sql = new StringBuilder(
                "SELECT * FROM attachments WHERE ocr_status = ? AND uploaded_at IS NOT NULL AND uploaded_at <= ?");
        List<Object> args = new ArrayList<>(List.of(status.name(), millis(notAfter)));
        cursor.map(SweepKey::parse).ifPresent(after -> {
            if (after.parts().size() != 3) {
                throw new InvalidCursorException("not a position in a list of attachments");
            }
            sql.append(" AND (uploaded_at, tenant, ticket_id, id) > (?, ?, ?, ?)");
            args.addAll(List.of(after.millis(), after.parts().get(0), after.parts().get(1), after.parts().get(2)));
        });
        sql.append(" ORDER BY uploaded_at, tenant, ticket_id, id LIMIT ?");
        args.add(limit + 1);
        List<Attachment> rows = jdbc.query(sql.toString(), ATTACHMENT, args.toArray());
        return sweepPage(rows, limit, a -> new SweepKey(millis(a.uploadedAt()), List.of(a.tenant(), a.ticketId(), a.id())));
    }

    private static <T> Page<T> sweepPage(List<T> rows, int limit, java.util.function.Function<T, SweepKey> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(key.apply(items.get(limit - 1)).format()));
    }

    /** The position of a row in a sweep: a time, then the text parts of its key (JSON-encoded, so any text is safe). */
    private record SweepKey(long millis, List<String> parts) {

        static SweepKey parse(String cursor) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = dev.supportdesk.json.Json.MAPPER.readTree(cursor);
                if (node == null || !node.isArray() || node.size() < 3 || !node.get(0).isIntegralNumber()) {
                    throw new InvalidCursorException("malformed position");
                }
                List<String> parts = new ArrayList<>();
                for (int i = 1; i < node.size(); i++) {
                    if (!node.get(i).isTextual()) {
                        throw new InvalidCursorException("malformed position");
                    }
                    parts.add(node.get(i).asText());
                }
                return new SweepKey(node.get(0).asLong(), parts);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidCursorException("malformed position");
            }
        }

        String format() {
            com.fasterxml.jackson.databind.node.ArrayNode node = dev.supportdesk.json.Json.MAPPER.createArrayNode().add(millis);
            parts.forEach(node::add);
            return node.toString();
        }
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, SortKey> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(key.apply(items.get(limit - 1)).format()));
    }

    /** The position of a row in creation order: its creation time and id. */
    private record SortKey(long millis, String id) {

        static SortKey parse(String cursor) {
            int colon = cursor.indexOf(':');
            if (colon < 1 || colon == cursor.length() - 1) {
                throw new InvalidCursorException("malformed position");
            }
            try {
                return new SortKey(Long.parseLong(cursor.substring(0, colon)), cursor.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidCursorException("malformed position");
            }
        }

        String format() {
            return millis + ":" + id;
        }
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
            rs.getLong("version"), OcrState.fromJson(rs.getString("ocr_state")));

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
