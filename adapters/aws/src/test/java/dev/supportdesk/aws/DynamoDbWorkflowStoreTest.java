package dev.supportdesk.aws;

import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.contract.WorkflowStoreContract;
import dev.supportdesk.workflow.WorkflowStore;

/** The workflow store contract against DynamoDB Local, in the same table as the tickets. */
class DynamoDbWorkflowStoreTest extends WorkflowStoreContract {

    private final DynamoDbWorkflowStore store = new DynamoDbWorkflowStore(Emulators.dynamoDb(), Emulators.TABLE);

    @Override
    protected WorkflowStore store() {
        return store;
    }
}
