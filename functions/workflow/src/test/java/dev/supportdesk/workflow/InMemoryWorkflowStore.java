package dev.supportdesk.workflow;

import dev.supportdesk.tickets.StaleVersionException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The workflow store in memory, for the core's tests (held to {@code WorkflowStoreContract}). */
public final class InMemoryWorkflowStore implements WorkflowStore {

    private final Map<String, WorkflowDoc> docs = new ConcurrentHashMap<>();

    @Override
    public Optional<WorkflowDoc> find(String kind, String id) {
        return Optional.ofNullable(docs.get(kind + "\u0000" + id));
    }

    @Override
    public void put(WorkflowDoc doc, long expectedVersion) {
        String key = doc.kind() + "\u0000" + doc.id();
        if (expectedVersion == 0) {
            if (docs.putIfAbsent(key, doc) != null) {
                throw new StaleVersionException(doc.id() + " exists");
            }
            return;
        }
        boolean[] done = {false};
        docs.computeIfPresent(key, (k, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            done[0] = true;
            return doc;
        });
        if (!done[0]) {
            throw new StaleVersionException(doc.id() + " is not at version " + expectedVersion);
        }
    }

    @Override
    public List<WorkflowDoc> latest(String kind, int limit) {
        return docs.values().stream().filter(d -> d.kind().equals(kind))
                .sorted(Comparator.comparing(WorkflowDoc::id).reversed()).limit(limit).toList();
    }
}
