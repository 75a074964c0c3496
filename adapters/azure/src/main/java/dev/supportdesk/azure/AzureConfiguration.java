package dev.supportdesk.azure;

import dev.supportdesk.azure.telemetry.OpenTelemetryTelemetry;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import dev.supportdesk.azure.clients.AzureClientPolicy;
import dev.supportdesk.azure.clients.AzureTransientFailures;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.azure.store.TableKeyBackfill;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.azure.store.TableTicketStore;
import dev.supportdesk.tickets.backfill.KeyBackfillConfiguration;
import dev.supportdesk.azure.store.TableWorkflowStore;
import dev.supportdesk.azure.workflow.DurableClients;
import dev.supportdesk.azure.workflow.DurableWorkflowStarter;
import dev.supportdesk.ocr.OcrConfiguration;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.predict.PredictConfiguration;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.tickets.TicketsConfiguration;
import dev.supportdesk.workflow.OcrReemitter;
import dev.supportdesk.workflow.WorkflowStepsConfiguration;
import dev.supportdesk.config.TokenProperties;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.identity.TokenVerifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Lazy;

/**
 * The Azure runtime's Spring context: the core's functions plus Table, Blob and Queue implementations
 * of its ports and the bearer-token verifier. No component scanning and only Spring Cloud Function's
 * own auto-configuration, to keep the cold start short; SDK clients are built once per instance.
 */
@Configuration(proxyBeanMethods = false)
@Import({TicketsConfiguration.class, OcrConfiguration.class, PredictConfiguration.class, WorkflowStepsConfiguration.class,
        KeyBackfillConfiguration.class})
@ImportAutoConfiguration(ContextFunctionCatalogAutoConfiguration.class)
@EnableConfigurationProperties({AzureProperties.class, TokenProperties.class})
public class AzureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AzureConfiguration.class);

    /** This instance's figures, for {@code GET /metrics} (every tenant's for operators, a tenant admin's share). */
    @Bean
    MetricRegistry metricRegistry() {
        return new MetricRegistry();
    }

    /**
     * The functions' metrics as OpenTelemetry instruments, which the worker's Application Insights agent exports,
     * and in the instance's registry.
     */
    @Bean
    @Primary
    Telemetry telemetry(MetricRegistry instance) {
        return Telemetry.both(new OpenTelemetryTelemetry(GlobalOpenTelemetry.get()), instance);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * OCR runs from the OCR queue, never inside the Event Grid delivery ({@link QueueOcrHandoff}): the core's
     * {@code blobCreated} records the upload and enqueues.
     */
    @Bean
    QueueOcrHandoff ocrHandoff(QueueClient ocrQueue) {
        return new QueueOcrHandoff(ocrQueue);
    }

    /**
     * The workflow gives stuck OCR work back to the same queue, so it runs under the queue's visibility
     * timeout and dequeue count rather than inside a workflow activity.
     */
    @Bean
    OcrReemitter ocrReemitter(QueueOcrHandoff handoff) {
        return (tenant, ticketId, attachmentId, blobKey) -> handoff.handOff(new BlobCreated(blobKey, 0, ""));
    }

    /** Messages are base64-encoded, the queue trigger's default {@code messageEncoding}. */
    @Bean
    QueueClient ocrQueueClient(AzureProperties properties, HttpClient http, ObjectProvider<TokenCredential> credential) {
        QueueClientBuilder builder = new QueueClientBuilder().httpClient(http).retryOptions(AzureClientPolicy.storageRetries())
                .queueName(required(properties.ocrQueueName(), "SUPPORTDESK_AZURE_OCR_QUEUE_NAME"))
                .messageEncoding(QueueMessageEncoding.BASE64);
        if (properties.usesConnectionString()) {
            builder.connectionString(properties.storageConnectionString());
        } else {
            builder.endpoint(required(properties.queueEndpoint(), "SUPPORTDESK_AZURE_QUEUE_ENDPOINT"))
                    .credential(credential.getObject());
        }
        return builder.buildClient();
    }

    /** SDK timeouts, throttling and 5xx answer 503 with Retry-After (see {@link AzureClientPolicy}). */
    @Bean
    AzureTransientFailures transientFailures() {
        return new AzureTransientFailures();
    }

    @Bean
    HttpClient azureHttpClient() {
        return AzureClientPolicy.httpClient();
    }

    /** Only created when no connection string is configured: the app's managed identity. */
    @Bean
    @Lazy
    TokenCredential azureCredential(HttpClient http) {
        return new DefaultAzureCredentialBuilder().httpClient(http).build();
    }

    @Bean
    TableClient tableClient(AzureProperties properties, HttpClient http, ObjectProvider<TokenCredential> credential) {
        TableClientBuilder builder = new TableClientBuilder().httpClient(AzureClientPolicy.tableHttpClient()).retryOptions(AzureClientPolicy.tableRetries())
                .tableName(required(properties.tableName(), "SUPPORTDESK_AZURE_TABLE_NAME"));
        if (properties.usesConnectionString()) {
            builder.connectionString(properties.storageConnectionString());
        } else {
            builder.endpoint(required(properties.tableEndpoint(), "SUPPORTDESK_AZURE_TABLE_ENDPOINT"))
                    .credential(credential.getObject());
        }
        return builder.buildClient();
    }

    @Bean
    BlobContainerClient blobContainerClient(AzureProperties properties, HttpClient http,
                                            ObjectProvider<TokenCredential> credential) {
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().httpClient(http).retryOptions(AzureClientPolicy.storageRetries())
                .containerName(required(properties.containerName(), "SUPPORTDESK_AZURE_CONTAINER_NAME"));
        if (properties.usesConnectionString()) {
            builder.connectionString(properties.storageConnectionString());
        } else {
            builder.endpoint(required(properties.blobEndpoint(), "SUPPORTDESK_AZURE_BLOB_ENDPOINT"))
                    .credential(credential.getObject());
        }
        return builder.buildClient();
    }

    /**
     * The big tier is refused on Azure Table Storage: a tenant it is meant for (10,000 writes/s, about 30,000
     * entities/s) is beyond one storage account's 20,000 transactions/s, and a list there costs one query per
     * shard partition (docs/scale.md). Such tenants need Cosmos DB for Table, Bicep's default backend. On
     * another endpoint that is not Cosmos DB (an emulator) it is allowed with a warning, so it can be tested.
     */
    @Bean
    TableTicketStore ticketStore(TableClient tables, Clock clock, TicketProperties tickets) {
        String endpoint = tables.getTableEndpoint();
        if (!tickets.shardTiers().isEmpty()
                && TableTicketStore.ShardReads.forEndpoint(endpoint) != TableTicketStore.ShardReads.PARTITION_RANGE) {
            String problem = "SUPPORTDESK_SHARDED_TENANTS names " + tickets.shardedTenants() + " but the table is not on"
                    + " Cosmos DB for Table (" + endpoint + "): the big tier needs Cosmos DB for Table (Bicep"
                    + " tableBackend=cosmos); on Table Storage leave SUPPORTDESK_SHARDED_TENANTS empty";
            if (endpoint != null && endpoint.contains(".table.core.")) {
                throw new IllegalStateException(problem);
            }
            LOG.warn("{} (allowed here, on an emulator, for tests only)", problem);
        }
        return new TableTicketStore(tables, options -> tables.listEntities(options, null, null), clock,
                TableKeys.tiered(tickets.shardTiers()));
    }

    @Bean
    TableKeyBackfill keyBackfill(TableClient tables, TableTicketStore store) {
        return new TableKeyBackfill(tables, store);
    }

    @Bean
    TableWorkflowStore workflowStore(TableClient tables) {
        return new TableWorkflowStore(tables);
    }

    /** Runs start through the durable client of the invocation that asks (httpApi's binding). */
    @Bean
    DurableWorkflowStarter workflowStarter() {
        return new DurableWorkflowStarter(DurableClients::current);
    }

    @Bean
    BlobStorageBlobStore blobStore(BlobContainerClient container, AzureProperties properties) {
        return new BlobStorageBlobStore(container, !properties.usesConnectionString());
    }

    /** Keys are fetched on the first token, then cached; nothing is fetched at start-up. */
    @Bean
    TokenVerifier tokenVerifier(AzureProperties properties, TokenProperties token, ClaimsMapper claimsMapper)
            throws MalformedURLException {
        String jwksUri = required(properties.jwksUri(), "SUPPORTDESK_AZURE_JWKS_URI");
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL())
                .cache(true)
                .retrying(true)
                .build();
        return new TokenVerifier(keys, token.issuer(), token.audience(), claimsMapper);
    }

    private static String required(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("application setting " + variable + " is not set");
        }
        return value;
    }
}
