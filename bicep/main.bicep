// supportdesk on Azure: the Function App (custom Linux container with Tesseract, Dedicated plan),
// its storage (uploads + dead letters, identity-only), the tickets table (Cosmos DB for Table or
// Table Storage), Event Grid delivery of upload events, Key Vault, Application Insights.
//
//   az deployment group create -g <rg> -f bicep/main.bicep -p bicep/main.parameters.json
//
// See docs/azure.md for the whole sequence (registry, image, first deployment, tokens).
targetScope = 'resourceGroup'

// ------------------------------------------------------------------ parameters

@description('Short name that prefixes every resource (lower-case letters and digits, 3-11).')
@minLength(3)
@maxLength(11)
param appName string = 'supportdesk'

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Function App name, the host name <name>.azurewebsites.net; globally unique.')
param functionAppName string = '${appName}-${uniqueString(resourceGroup().id)}'

@description('Where tickets live: Cosmos DB for Table (serverless) or Table Storage in the data account.')
@allowed([
  'cosmos'
  'storage'
])
param tableBackend string = 'cosmos'

@description('Name of the tickets table (letters and digits, starting with a letter).')
param tableName string = 'tickets'

@description('Existing Azure Container Registry (same resource group) that holds the app image.')
param containerRegistryName string

@description('Image repository and tag in that registry, built from adapters/azure/Dockerfile.')
param image string = 'supportdesk-azure:latest'

@description('Dedicated (App Service) plan SKU, Premium v3: runs the custom container, always on.')
@allowed([
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
  'P1mv3'
  'P2mv3'
])
param planSku string = 'P1v3'

@description('Plan instances; 2 or more for availability.')
@minValue(1)
param planInstanceCount int = 2

@description('Spread the plan over availability zones (planInstanceCount >= 3, region with zones).')
param zoneRedundant bool = false

@description('Replication of the data account (uploads): geo-redundant by default.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param dataStorageSku string = 'Standard_GRS'

@description('Replication of the host account (AzureWebJobsStorage, reconstructible bookkeeping).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param hostStorageSku string = 'Standard_LRS'

@description('Blob container that receives uploads.')
param uploadsContainerName string = 'uploads'

@description('Blob container that receives dead-lettered Event Grid events.')
param deadLetterContainerName string = 'deadletter'

@description('Storage queue of OCR work in the data account (SUPPORTDESK_AZURE_OCR_QUEUE_NAME); the host keeps poison messages in <name>-poison.')
@minLength(3)
@maxLength(56)
param ocrQueueName string = 'ocr-work'

@description('Days deleted blobs, containers and old blob versions are kept.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 14

@description('Days dead-lettered events are kept.')
@minValue(1)
param deadLetterRetentionDays int = 30

@description('Browser origins allowed to PUT to upload URLs (CORS), as on AWS: any; the SAS in the URL is what authorizes. Empty: no browser uploads.')
param corsAllowedOrigins array = [
  '*'
]

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Address the alerts notify (action group e-mail receiver); empty: the action group has no receiver.')
param alertEmail string = ''

@description('API 5xx share (%) over 5 minutes above which the error-rate alert fires.')
param apiErrorRatePercent int = 5

@description('API p99 latency (ms) over 5 minutes above which the latency alert fires.')
param apiLatencyP99Millis int = 2000

@description('Create the Event Grid subscription to the blobCreated function. It must already exist: set false on the very first deployment (the image is not running yet), true afterwards.')
param subscribeBlobEvents bool = true

@description('Event Grid delivery attempts before dead-lettering.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 10

@description('Minutes Event Grid keeps retrying an event before dead-lettering it.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

// --- bearer tokens (an Entra ID app registration, or any OIDC provider)

@description('Required iss of bearer tokens, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 (SUPPORTDESK_TOKEN_ISSUER).')
param tokenIssuer string

@description('Required aud of bearer tokens: the API app registration\'s application (client) id for v2 tokens, api://<app-id> for v1 tokens (SUPPORTDESK_TOKEN_AUDIENCE).')
param tokenAudience string

@description('JWKS of the issuer, e.g. https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys (SUPPORTDESK_AZURE_JWKS_URI).')
param jwksUri string

@description('Claim that holds the caller\'s tenant (SUPPORTDESK_AUTH_TENANT_CLAIM); tid is the Entra tenant id.')
param tenantClaim string = 'tid'

@description('Claim that holds the caller\'s roles (SUPPORTDESK_AUTH_ROLES_CLAIM); roles carries Entra app roles.')
param rolesClaim string = 'roles'

@description('Value in the roles claim that grants the cross-tenant operator role (SUPPORTDESK_AUTH_OPERATOR_ROLE): the value of an Entra app role.')
param operatorRole string = 'operator'

// --- API limits

@description('Largest JSON request body in bytes (SUPPORTDESK_MAX_BODY_BYTES).')
@minValue(1)
param maxBodyBytes int = 65536

@description('Largest file an attachment may declare, in bytes (SUPPORTDESK_MAX_ATTACHMENT_BYTES).')
@minValue(1)
param maxAttachmentBytes int = 20971520

@description('Lifetime of upload URLs, a Spring duration such as 15m (SUPPORTDESK_UPLOAD_URL_VALIDITY).')
param uploadUrlValidity string = '15m'

@description('The sharded tiers: comma-separated tenant ids (tenant, tenant:big or tenant:middle) whose ticket partitions spread over 64 shards; Azure shards both tiers alike (SUPPORTDESK_SHARDED_TENANTS; docs/scale.md). Needs tableBackend cosmos: the app refuses to start with a sharded tenant on Table Storage. After adding a tenant, run the key backfill.')
param shardedTenants string = ''

@description('Durable Functions task hub of the workflow (3-45 letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param durableTaskHubName string = 'supportdeskworkflow'

@description('Workflow: time an OPEN or IN_PROGRESS ticket may go without activity before it is escalated, per priority (Spring durations).')
param workflowSlaLow string = '3d'
param workflowSlaNormal string = '1d'
param workflowSlaHigh string = '4h'

@description('Workflow: time a RESOLVED ticket may go without activity before it is closed.')
param workflowAutoCloseAfter string = '7d'

@description('Most instances one predict request may carry (SUPPORTDESK_PREDICT_MAX_BATCH_SIZE).')
@minValue(1)
param predictMaxBatchSize int = 100

@description('How often a model\'s current pointer is re-read, a Spring duration (SUPPORTDESK_PREDICT_RECHECK_INTERVAL).')
param predictRecheckInterval string = '30s'

@description('Optional: name of a Key Vault secret with a storage connection string (SUPPORTDESK_AZURE_STORAGE_CONNECTION_STRING). Leave empty: the app uses its managed identity.')
param storageConnectionStringSecretName string = ''

param tags object = {
  app: 'supportdesk'
}

// ------------------------------------------------------------------ names

var suffix = uniqueString(resourceGroup().id)
var compactName = toLower(replace(appName, '-', ''))
var hostStorageName = take('${compactName}host${suffix}', 24)
var dataStorageName = take('${compactName}data${suffix}', 24)
var keyVaultName = take('${compactName}-kv-${suffix}', 24)
var cosmosAccountName = toLower('${compactName}-tables-${suffix}')

// ------------------------------------------------------------------ resources

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: containerRegistryName
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: '${appName}-logs-${suffix}'
    appInsightsName: '${appName}-insights-${suffix}'
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    appName: appName
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    apiErrorRatePercent: apiErrorRatePercent
    apiLatencyP99Millis: apiLatencyP99Millis
    tags: tags
  }
}

module hostStorage 'modules/hostStorage.bicep' = {
  name: 'hostStorage'
  params: {
    location: location
    name: hostStorageName
    skuName: hostStorageSku
    tags: tags
  }
}

module dataStorage 'modules/dataStorage.bicep' = {
  name: 'dataStorage'
  params: {
    location: location
    name: dataStorageName
    skuName: dataStorageSku
    uploadsContainerName: uploadsContainerName
    deadLetterContainerName: deadLetterContainerName
    createTable: tableBackend == 'storage'
    tableName: tableName
    ocrQueueName: ocrQueueName
    softDeleteDays: softDeleteDays
    deadLetterRetentionDays: deadLetterRetentionDays
    corsAllowedOrigins: corsAllowedOrigins
    tags: tags
  }
}

module cosmosTable 'modules/cosmosTable.bicep' = if (tableBackend == 'cosmos') {
  name: 'cosmosTable'
  params: {
    location: location
    name: cosmosAccountName
    tableName: tableName
    tags: tags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: keyVaultName
    tags: tags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    name: functionAppName
    planName: '${appName}-plan-${suffix}'
    planSku: planSku
    planInstanceCount: planInstanceCount
    zoneRedundant: zoneRedundant
    registryLoginServer: registry.properties.loginServer
    image: image
    hostStorageAccountName: hostStorage.outputs.name
    appInsightsConnectionString: monitoring.outputs.connectionString
    maxBodyBytes: maxBodyBytes
    maxAttachmentBytes: maxAttachmentBytes
    uploadUrlValidity: uploadUrlValidity
    shardedTenants: shardedTenants
    tenantClaim: tenantClaim
    rolesClaim: rolesClaim
    operatorRole: operatorRole
    predictMaxBatchSize: predictMaxBatchSize
    durableTaskHubName: durableTaskHubName
    workflowSlaLow: workflowSlaLow
    workflowSlaNormal: workflowSlaNormal
    workflowSlaHigh: workflowSlaHigh
    workflowAutoCloseAfter: workflowAutoCloseAfter
    predictRecheckInterval: predictRecheckInterval
    tokenIssuer: tokenIssuer
    tokenAudience: tokenAudience
    jwksUri: jwksUri
    tableName: tableName
    tableEndpoint: tableBackend == 'cosmos' ? cosmosTable.outputs.tableEndpoint : dataStorage.outputs.tableEndpoint
    blobEndpoint: dataStorage.outputs.blobEndpoint
    queueEndpoint: dataStorage.outputs.queueEndpoint
    ocrQueueName: ocrQueueName
    uploadsContainerName: uploadsContainerName
    keyVaultUri: keyVault.outputs.uri
    storageConnectionStringSecretName: storageConnectionStringSecretName
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    dataStorageAccountName: dataStorage.outputs.name
    uploadsContainerName: uploadsContainerName
    ocrQueueName: ocrQueueName
    hostStorageAccountName: hostStorage.outputs.name
    tableBackend: tableBackend
    tableName: tableName
    cosmosAccountName: tableBackend == 'cosmos' ? cosmosTable.outputs.name : ''
    keyVaultName: keyVault.outputs.name
    registryName: registry.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module eventGrid 'modules/eventGrid.bicep' = {
  name: 'eventGrid'
  params: {
    location: location
    topicName: '${appName}-uploads-${suffix}'
    storageAccountName: dataStorage.outputs.name
    uploadsContainerName: uploadsContainerName
    deadLetterContainerName: deadLetterContainerName
    functionAppId: functionApp.outputs.id
    subscribe: subscribeBlobEvents
    maxDeliveryAttempts: maxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    tags: tags
  }
  dependsOn: [
    roles
  ]
}

// ------------------------------------------------------------------ outputs

output functionAppName string = functionApp.outputs.name
output apiUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppPrincipalId string = functionApp.outputs.principalId
output dataStorageAccountName string = dataStorage.outputs.name
output hostStorageAccountName string = hostStorage.outputs.name
output keyVaultName string = keyVault.outputs.name
output tableEndpoint string = tableBackend == 'cosmos' ? cosmosTable.outputs.tableEndpoint : dataStorage.outputs.tableEndpoint
