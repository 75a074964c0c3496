package dev.supportdesk.aws;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A real DynamoDB client whose next transactions are cancelled as DynamoDB cancels one that meets
 * another transaction on the same item (reason {@code TransactionConflict}, the other actions
 * {@code None}), before reaching the table. DynamoDB Local is kinder: it runs transactions one at a
 * time (800 concurrent two-item transactions on one marker item: only ConditionalCheckFailed, never
 * TransactionConflict), so this decorator makes up the difference. Only transactions are supported.
 */
final class ConflictingTransactions implements DynamoDbClient {

    private final DynamoDbClient delegate;
    private final AtomicInteger conflictsLeft;

    ConflictingTransactions(DynamoDbClient delegate, int conflicts) {
        this.delegate = delegate;
        this.conflictsLeft = new AtomicInteger(conflicts);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        if (conflictsLeft.getAndDecrement() > 0) {
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + "[TransactionConflict, None]")
                    .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                            CancellationReason.builder().code("None").build())
                    .build();
        }
        return delegate.transactWriteItems(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the delegate is shared
    }
}
