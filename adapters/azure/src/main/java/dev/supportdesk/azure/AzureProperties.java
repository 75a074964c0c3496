package dev.supportdesk.azure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Azure runtime, read from the Function App's settings ({@code SUPPORTDESK_AZURE_*}).
 * Storage is reached either with a connection string (Azurite, development) or, when none is set,
 * through the account endpoints with the app's managed identity ({@code DefaultAzureCredential}).
 *
 * @param tableName the table that holds tickets, responses and attachments
 * @param containerName the blob container that receives uploads
 * @param storageConnectionString a storage connection string with the account key; empty in production
 * @param tableEndpoint e.g. {@code https://<account>.table.core.windows.net}, used without a connection string
 * @param blobEndpoint e.g. {@code https://<account>.blob.core.windows.net}, used without a connection string
 * @param queueEndpoint e.g. {@code https://<account>.queue.core.windows.net}, used without a connection string;
 *                      the same value as the host's {@code OcrQueue__queueServiceUri}, the trigger's connection
 * @param ocrQueueName the Storage queue of OCR work: {@code blobCreated} enqueues, {@code ocrQueue} runs it;
 *                     also the trigger's {@code %SUPPORTDESK_AZURE_OCR_QUEUE_NAME%}
 * @param jwksUri where the identity provider publishes the keys that sign bearer tokens
 * @param routePrefix the HTTP route prefix of host.json ({@code extensions.http.routePrefix}), empty here
 */
@ConfigurationProperties("supportdesk.azure")
public record AzureProperties(
        String tableName,
        String containerName,
        String storageConnectionString,
        String tableEndpoint,
        String blobEndpoint,
        String queueEndpoint,
        @DefaultValue("ocr-work") String ocrQueueName,
        String jwksUri,
        @DefaultValue("") String routePrefix) {

    public boolean usesConnectionString() {
        return storageConnectionString != null && !storageConnectionString.isBlank();
    }
}
