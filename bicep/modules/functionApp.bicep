// The Function App: Linux, custom container image (adapters/azure/Dockerfile) on a Dedicated
// (App Service) Premium v3 plan.
//
// Why a container on a Dedicated plan: the OCR function needs libtesseract, leptonica and the
// trained data, which the managed Java 21 stack of Azure Functions does not ship and a zip
// deployment cannot install (no apt-get, no root). A custom image based on
// mcr.microsoft.com/azure-functions/java:4-java21 adds them with apt-get. Custom images run on
// Elastic Premium and Dedicated plans (not on Consumption or Flex Consumption). Dedicated is chosen
// over Elastic Premium because Elastic Premium needs an Azure Files content share reached with an
// account-key connection string (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING), which contradicts
// allowSharedKeyAccess=false; a Dedicated plan needs no content share, keeps instances warm
// (alwaysOn: no cold start for the JVM or Tesseract) and scales with autoscale rules. Switching to
// Elastic Premium (planSku EP1..EP3) is possible but needs that share and shared-key access.
//
// OCR delivery budget (OcrDeliveryBudgetTest checks it). Event Grid's delivery to blobCreated only
// records the upload and enqueues; the ocrQueue function runs OCR. With host.json's functionTimeout T
// (15 min), the OCR lease L (SUPPORTDESK_OCR_LEASE, 16 min), host.json's queues.visibilityTimeout V
// (16 min), queues.maxDequeueCount D (5), SUPPORTDESK_OCR_MAX_ATTEMPTS A (3) and the workflow's
// SUPPORTDESK_WORKFLOW_OCR_TIMEOUT W (30 min): T < L, so the host stops a run before its claim can be
// taken over; L <= V, so a redelivery after a failed run or a dead instance finds any earlier claim
// finished or expired; D >= A + 1, so the queue delivers the A attempts and the one that records FAILED
// before it keeps a message as poison; W > L, so the workflow re-emits only work whose claim expired.
//
// appSettings carry exactly the settings our code reads (SUPPORTDESK_*, from SupportdeskProperties,
// TokenProperties and AzureProperties; BicepAppSettingsTest keeps them in step with the code) plus
// the host's own settings.

param location string

@description('Globally unique Function App name (<name>.azurewebsites.net).')
param name string

param planName string

@description('Dedicated plan SKU (Premium v3).')
@allowed([
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
  'P1mv3'
  'P2mv3'
])
param planSku string

@description('Instances of the plan; 2 or more for availability (and for zone redundancy, 3 or more).')
@minValue(1)
param planInstanceCount int

@description('Spread the plan over availability zones (needs planInstanceCount >= 3 and a region with zones).')
param zoneRedundant bool

@description('Login server of the container registry, e.g. myregistry.azurecr.io.')
param registryLoginServer string

@description('Image repository and tag in that registry, e.g. supportdesk-azure:1.0.0.')
param image string

@description('Name of the host storage account (AzureWebJobsStorage, identity-based).')
param hostStorageAccountName string

@description('Application Insights connection string (not a secret: it holds no key usable with local auth disabled).')
param appInsightsConnectionString string

// --- settings read by our code
param maxBodyBytes int
param maxAttachmentBytes int
param uploadUrlValidity string
@description('Tenants whose ticket partitions are sharded, comma-separated: tenant, tenant:big or tenant:middle (SUPPORTDESK_SHARDED_TENANTS).')
param shardedTenants string
param tenantClaim string
param rolesClaim string
param operatorRole string

@description('Durable Functions task hub name (letters and digits, starting with a letter).')
param durableTaskHubName string

@description('Workflow: time without activity before an OPEN/IN_PROGRESS ticket is escalated, per priority.')
param workflowSlaLow string
param workflowSlaNormal string
param workflowSlaHigh string

@description('Workflow: time without activity before a RESOLVED ticket is closed.')
param workflowAutoCloseAfter string

param predictMaxBatchSize int
param predictRecheckInterval string
param tokenIssuer string
param tokenAudience string
param jwksUri string
param tableName string
param tableEndpoint string
param blobEndpoint string

@description('Queue endpoint of the data account (https://<account>.queue.core.windows.net/).')
param queueEndpoint string

@description('Storage queue of OCR work in the data account.')
param ocrQueueName string

param uploadsContainerName string

@description('Key Vault URI (https://<vault>.vault.azure.net/) for Key Vault references.')
param keyVaultUri string

@description('Name of a Key Vault secret holding a storage connection string; empty (the default) means managed identity.')
param storageConnectionStringSecretName string

param tags object

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  // checkov:skip=CKV_AZURE_225: zone redundancy is the zoneRedundant parameter (default false: not every region has availability zones); turn it on in regions that do.
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: planInstanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  // checkov:skip=CKV_AZURE_222: this is a public API; callers are authenticated by the app with bearer tokens (issuer, audience, signature, expiry), and /health is public by design.
  // checkov:skip=CKV_AZURE_17: API clients (browsers, CLI, services) authenticate with Entra ID bearer tokens, not TLS client certificates.
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registryLoginServer}/${image}'
      acrUseManagedIdentityCreds: true
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      remoteDebuggingEnabled: false
      healthCheckPath: '/health'
      numberOfWorkers: planInstanceCount
      appSettings: [
        // ---- the Functions host (not read by our code)
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'java'
        }
        {
          // Identity-based host storage: no connection string, no key.
          name: 'AzureWebJobsStorage__accountName'
          value: hostStorageAccountName
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          // Telemetry with the managed identity (the component has local auth disabled).
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          // The Java worker's Application Insights agent (shipped in the base image): requests, dependencies,
          // logs with their MDC context, and the functions' OpenTelemetry metrics (OpenTelemetryTelemetry).
          name: 'APPLICATIONINSIGHTS_ENABLE_AGENT'
          value: 'true'
        }
        {
          // The image carries the app in /home/site/wwwroot; do not mount App Service storage over it.
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'false'
        }
        {
          // libtesseract reads it when it loads: one thread per engine, the engine pool runs one per core.
          name: 'OMP_THREAD_LIMIT'
          value: '1'
        }
        {
          // host.json durableTask.hubName; the task hub's queues, tables and blobs live in the host storage account.
          name: 'DURABLE_TASK_HUB_NAME'
          value: durableTaskHubName
        }
        {
          // The ocrQueue trigger's connection "OcrQueue", identity-based (no key): the data account's
          // queue service, reached with the app's identity (Storage Queue Data Contributor on the
          // OCR queue and its poison queue). The same endpoint as SUPPORTDESK_AZURE_QUEUE_ENDPOINT,
          // through which blobCreated enqueues.
          name: 'OcrQueue__queueServiceUri'
          value: queueEndpoint
        }
        // ---- SupportdeskProperties (supportdesk.*)
        {
          name: 'SUPPORTDESK_MAX_BODY_BYTES'
          value: string(maxBodyBytes)
        }
        {
          name: 'SUPPORTDESK_MAX_ATTACHMENT_BYTES'
          value: string(maxAttachmentBytes)
        }
        {
          name: 'SUPPORTDESK_UPLOAD_URL_VALIDITY'
          value: uploadUrlValidity
        }
        {
          name: 'SUPPORTDESK_SHARDED_TENANTS'
          value: shardedTenants
        }
        {
          name: 'SUPPORTDESK_AUTH_TENANT_CLAIM'
          value: tenantClaim
        }
        {
          name: 'SUPPORTDESK_AUTH_ROLES_CLAIM'
          value: rolesClaim
        }
        {
          name: 'SUPPORTDESK_AUTH_OPERATOR_ROLE'
          value: operatorRole
        }
        {
          name: 'SUPPORTDESK_PREDICT_MAX_BATCH_SIZE'
          value: string(predictMaxBatchSize)
        }
        {
          name: 'SUPPORTDESK_PREDICT_RECHECK_INTERVAL'
          value: predictRecheckInterval
        }
        // ---- OcrProperties (supportdesk.ocr.*): the code's defaults, except the lease and attempts, set
        // against host.json's functionTimeout and queue retries (see "OCR delivery budget" above).
        {
          name: 'SUPPORTDESK_OCR_LANGUAGES'
          value: 'eng'
        }
        {
          name: 'SUPPORTDESK_OCR_PAGE_SEG_MODE'
          value: '3'
        }
        {
          name: 'SUPPORTDESK_OCR_STRATEGY'
          value: 'adaptive'
        }
        {
          name: 'SUPPORTDESK_OCR_ENGINES'
          value: '0'
        }
        {
          // Empty: TESSDATA_PREFIX, which the image sets.
          name: 'SUPPORTDESK_OCR_TESSDATA'
          value: ''
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_BYTES'
          value: string(maxAttachmentBytes)
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_PAGES'
          value: '50'
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_PIXELS_PER_PAGE'
          value: '40000000'
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_SIDE'
          value: '12000'
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_INFLATED_BYTES'
          value: '268435456'
        }
        {
          name: 'SUPPORTDESK_OCR_TIME_PER_PAGE'
          value: '60s'
        }
        {
          name: 'SUPPORTDESK_OCR_PDF_DPI'
          value: '300'
        }
        {
          name: 'SUPPORTDESK_OCR_LEASE'
          value: '16m'
        }
        {
          name: 'SUPPORTDESK_OCR_MAX_ATTEMPTS'
          value: '3'
        }
        {
          name: 'SUPPORTDESK_OCR_PREVIEW_CHARS'
          value: '1000'
        }
        // ---- SupportdeskProperties.Workflow (supportdesk.workflow.*)
        {
          name: 'SUPPORTDESK_WORKFLOW_SLA_LOW'
          value: workflowSlaLow
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_SLA_NORMAL'
          value: workflowSlaNormal
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_SLA_HIGH'
          value: workflowSlaHigh
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_AUTO_CLOSE_AFTER'
          value: workflowAutoCloseAfter
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_OCR_TIMEOUT'
          value: '30m'
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_OCR_MAX_ATTEMPTS'
          value: '3'
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_BATCH_SIZE'
          value: '50'
        }
        {
          name: 'SUPPORTDESK_WORKFLOW_BATCHES_PER_ROUND'
          value: '10'
        }
        // ---- TokenProperties (supportdesk.token.*)
        {
          name: 'SUPPORTDESK_TOKEN_ISSUER'
          value: tokenIssuer
        }
        {
          name: 'SUPPORTDESK_TOKEN_AUDIENCE'
          value: tokenAudience
        }
        // ---- AzureProperties (supportdesk.azure.*)
        {
          name: 'SUPPORTDESK_AZURE_TABLE_NAME'
          value: tableName
        }
        {
          name: 'SUPPORTDESK_AZURE_CONTAINER_NAME'
          value: uploadsContainerName
        }
        {
          // Empty: tables and blobs are reached with the managed identity. A secret, if ever set,
          // comes from Key Vault, never as plain text.
          name: 'SUPPORTDESK_AZURE_STORAGE_CONNECTION_STRING'
          value: empty(storageConnectionStringSecretName) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${storageConnectionStringSecretName}/)'
        }
        {
          name: 'SUPPORTDESK_AZURE_TABLE_ENDPOINT'
          value: tableEndpoint
        }
        {
          name: 'SUPPORTDESK_AZURE_BLOB_ENDPOINT'
          value: blobEndpoint
        }
        {
          name: 'SUPPORTDESK_AZURE_QUEUE_ENDPOINT'
          value: queueEndpoint
        }
        {
          // Also the ocrQueue trigger's queue name (%SUPPORTDESK_AZURE_OCR_QUEUE_NAME%).
          name: 'SUPPORTDESK_AZURE_OCR_QUEUE_NAME'
          value: ocrQueueName
        }
        {
          name: 'SUPPORTDESK_AZURE_JWKS_URI'
          value: jwksUri
        }
        {
          // host.json sets extensions.http.routePrefix to "", so paths equal the AWS API's.
          name: 'SUPPORTDESK_AZURE_ROUTE_PREFIX'
          value: ''
        }
      ]
    }
  }
}

// No publishing with user names and passwords (FTP, SCM basic auth): the app ships as an image.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = site.id
output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
