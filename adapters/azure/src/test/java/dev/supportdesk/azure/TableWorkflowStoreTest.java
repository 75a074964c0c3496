package dev.supportdesk.azure;

import dev.supportdesk.azure.store.TableWorkflowStore;
import dev.supportdesk.contract.WorkflowStoreContract;
import dev.supportdesk.workflow.WorkflowStore;

/** The workflow store contract against Azurite's Table service. */
class TableWorkflowStoreTest extends WorkflowStoreContract {

    private final TableWorkflowStore store = new TableWorkflowStore(Emulators.table());

    @Override
    protected WorkflowStore store() {
        return store;
    }
}
