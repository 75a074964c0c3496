package dev.supportdesk.workflow;

import dev.supportdesk.contract.TicketStoreContract;
import dev.supportdesk.contract.WorkflowStoreContract;
import dev.supportdesk.tickets.TicketStore;
import org.junit.jupiter.api.Nested;

/** The in-memory stores the workflow tests use behave like the real ones (same contracts). */
class InMemoryStoresContractTest {

    @Nested
    class Tickets extends TicketStoreContract {
        private final InMemoryTicketStore store = new InMemoryTicketStore();

        @Override
        protected TicketStore store() {
            return store;
        }
    }

    @Nested
    class Workflow extends WorkflowStoreContract {
        private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();

        @Override
        protected WorkflowStore store() {
            return store;
        }
    }
}
