package dev.supportdesk.workflow;

import java.util.List;
import java.util.Optional;

/**
 * Port: the workflow's own records (runs, OCR retry markers) as small JSON documents, each with a
 * version. Every write is conditional: a document is created only if absent and replaced only at
 * the version it was read at.
 */
public interface WorkflowStore {

    Optional<WorkflowDoc> find(String kind, String id);

    /**
     * Stores {@code doc} (whose version is {@code expectedVersion + 1}): creates it when
     * {@code expectedVersion} is 0, otherwise replaces it only if it is stored at {@code expectedVersion}.
     *
     * @throws dev.supportdesk.tickets.StaleVersionException if it exists already (create) or has moved on
     */
    void put(WorkflowDoc doc, long expectedVersion);

    /** The documents of a kind with the greatest ids first (run ids start with their time). */
    List<WorkflowDoc> latest(String kind, int limit);

    /** @param json the document, a JSON object */
    record WorkflowDoc(String kind, String id, String json, long version) {
    }
}
