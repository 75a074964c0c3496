package dev.supportdesk.aws;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.aws.store.DynamoDbWorkflowStore;
import dev.supportdesk.tickets.TicketProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB table behind the ticket and workflow stores, for the functions that read or write it. */
@Configuration(proxyBeanMethods = false)
@Import(AwsBlobsConfiguration.class)
@EnableConfigurationProperties({TicketProperties.class, SweepProperties.class})
public class AwsTablesConfiguration {

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient() {
        return AwsClients.dynamoDb();
    }

    @Bean
    DynamoDbTicketStore ticketStore(DynamoDbClient dynamoDb, AwsProperties properties, TicketProperties tickets,
            SweepProperties sweeps) {
        return new DynamoDbTicketStore(dynamoDb, AwsProperties.required(properties.tableName(), "SUPPORTDESK_AWS_TABLE_NAME"),
                DynamoDbKeys.production(tickets.shardTiers(), sweeps.sweepShards()));
    }

    @Bean
    DynamoDbWorkflowStore workflowStore(DynamoDbClient dynamoDb, AwsProperties properties) {
        return new DynamoDbWorkflowStore(dynamoDb, AwsProperties.required(properties.tableName(), "SUPPORTDESK_AWS_TABLE_NAME"));
    }
}
