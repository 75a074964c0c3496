package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.tickets.StaleVersionException;
import dev.supportdesk.workflow.WorkflowStore;
import dev.supportdesk.workflow.WorkflowStore.WorkflowDoc;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WorkflowStore} must do: create once, replace only at the version read, list newest first. */
public abstract class WorkflowStoreContract {

    protected abstract WorkflowStore store();

    private String kind;

    @BeforeEach
    void freshKind() {
        kind = "k" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsOnceAndFindsExactly() {
        WorkflowDoc doc = new WorkflowDoc(kind, "20260101T000000Z-a", "{\"n\":1}", 1);
        store().put(doc, 0);
        assertThat(store().find(kind, doc.id())).contains(doc);
        assertThat(store().find(kind, "20260101T000000Z-b")).isEmpty();
        assertThat(store().find("other" + kind, doc.id())).isEmpty();
        assertThatThrownBy(() -> store().put(new WorkflowDoc(kind, doc.id(), "{\"n\":2}", 1), 0))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store().find(kind, doc.id())).contains(doc);
    }

    @Test
    void replacesOnlyAtTheVersionRead() {
        String id = "a/b/c";
        store().put(new WorkflowDoc(kind, id, "{\"n\":1}", 1), 0);
        WorkflowDoc second = new WorkflowDoc(kind, id, "{\"n\":2}", 2);
        store().put(second, 1);
        assertThatThrownBy(() -> store().put(new WorkflowDoc(kind, id, "{\"n\":3}", 2), 1))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> store().put(new WorkflowDoc(kind, "missing", "{}", 2), 1))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store().find(kind, id)).contains(second);
    }

    @Test
    void listsTheGreatestIdsFirst() {
        for (String id : List.of("20260101T000002Z-b", "20260101T000001Z-a", "20260101T000003Z-c")) {
            store().put(new WorkflowDoc(kind, id, "{}", 1), 0);
        }
        assertThat(store().latest(kind, 2)).extracting(WorkflowDoc::id)
                .containsExactly("20260101T000003Z-c", "20260101T000002Z-b");
        assertThat(store().latest(kind, 10)).hasSize(3);
        assertThat(store().latest("empty" + kind, 10)).isEmpty();
    }

    @Test
    void keepsLargeDocumentsWhole() {
        String big = "{\"batches\":\"" + "x".repeat(150_000) + "\"}";
        store().put(new WorkflowDoc(kind, "20260101T000000Z-big", big, 1), 0);
        assertThat(store().find(kind, "20260101T000000Z-big").orElseThrow().json()).isEqualTo(big);
        String bigger = big.replace("x", "y") + " ";
        store().put(new WorkflowDoc(kind, "20260101T000000Z-big", bigger, 2), 1);
        assertThat(store().find(kind, "20260101T000000Z-big").orElseThrow().json()).isEqualTo(bigger);
    }
}
