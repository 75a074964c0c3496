package dev.supportdesk.aws;

import dev.supportdesk.aws.store.DynamoDbKeyBackfill;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.tickets.backfill.KeyBackfillConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one-shot key backfill function ({@link BackfillHandler}): the table and the backfill, nothing else. */
@Configuration(proxyBeanMethods = false)
@Import({AwsTablesConfiguration.class, KeyBackfillConfiguration.class})
public class AwsBackfillConfiguration {

    @Bean
    DynamoDbKeyBackfill keyBackfill(DynamoDbClient dynamoDb, DynamoDbTicketStore store, AwsProperties properties) {
        return new DynamoDbKeyBackfill(dynamoDb,
                AwsProperties.required(properties.tableName(), "SUPPORTDESK_AWS_TABLE_NAME"), store);
    }
}
