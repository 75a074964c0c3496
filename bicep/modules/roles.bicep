// Least-privilege role assignments of the Function App's system-assigned identity. Built-in role
// definitions only, each at the narrowest scope that works; no Owner, Contributor or any
// management-plane write role.
//
//   uploads container   Storage Blob Data Contributor   read uploaded files, write OCR inputs
//   data account        Storage Blob Delegator          get a user delegation key to sign upload
//                                                       URLs (the key is an account-level operation)
//   OCR queue and its   Storage Queue Data Contributor  blobCreated sends OCR work; the ocrQueue trigger
//   poison queue        (each queue, not the account)   peeks, receives, updates and deletes it, and the
//                                                       host moves failed messages to <queue>-poison
//   tickets table       Storage Table Data Contributor  tableBackend = 'storage'
//   Cosmos DB account   Cosmos DB Built-in Data         tableBackend = 'cosmos' (data-plane role of
//                       Contributor (Table)             Cosmos DB for Table, not an Azure RBAC role)
//   host account        Storage Blob Data Owner         AzureWebJobsStorage: host keys, timer
//                                                       schedule status, singleton locks, task hub leases
//   host account        Storage Queue Data Contributor  Durable Functions task hub: control and work-item queues
//   host account        Storage Table Data Contributor  Durable Functions task hub: history and instances tables
//   Key Vault           Key Vault Secrets User          resolve Key Vault references
//   container registry  AcrPull                         pull the app's image
//   Application Insights Monitoring Metrics Publisher   send telemetry with Entra ID auth

@description('Principal (object) id of the Function App identity.')
param principalId string

param dataStorageAccountName string
param uploadsContainerName string
param ocrQueueName string
param hostStorageAccountName string

@allowed([
  'cosmos'
  'storage'
])
param tableBackend string

param tableName string

@description('Cosmos DB account name; empty unless tableBackend is cosmos.')
param cosmosAccountName string

param keyVaultName string
param registryName string
param appInsightsName string

// Built-in role definition ids (the same GUIDs in every tenant).
var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}
// Cosmos DB for Table built-in data-plane role "Cosmos DB Built-in Data Contributor".
var cosmosTableDataContributorId = '00000000-0000-0000-0000-000000000002'

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource dataBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: dataStorage
  name: 'default'
}

resource uploadsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: dataBlobService
  name: uploadsContainerName
}

resource dataQueueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: dataStorage
  name: 'default'
}

resource ocrQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: dataQueueService
  name: ocrQueueName
}

resource ocrPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: dataQueueService
  name: '${ocrQueueName}-poison'
}

resource dataTableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: dataStorage
  name: 'default'
}

resource storageTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = {
  parent: dataTableService
  name: tableName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = if (tableBackend == 'cosmos') {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource uploadsBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(uploadsContainer.id, principalId, roleIds.storageBlobDataContributor)
  scope: uploadsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource dataBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, principalId, roleIds.storageBlobDelegator)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDelegator)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource ocrQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ocrQueue.id, principalId, roleIds.storageQueueDataContributor)
  scope: ocrQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource ocrPoisonQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ocrPoisonQueue.id, principalId, roleIds.storageQueueDataContributor)
  scope: ocrPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (tableBackend == 'storage') {
  name: guid(storageTable.id, principalId, roleIds.storageTableDataContributor)
  scope: storageTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmosTableDataContributor 'Microsoft.DocumentDB/databaseAccounts/tableRoleAssignments@2024-12-01-preview' = if (tableBackend == 'cosmos') {
  parent: cosmos
  name: guid(resourceId('Microsoft.DocumentDB/databaseAccounts', cosmosAccountName), principalId, cosmosTableDataContributorId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${resourceId('Microsoft.DocumentDB/databaseAccounts', cosmosAccountName)}/tableRoleDefinitions/${cosmosTableDataContributorId}'
    scope: resourceId('Microsoft.DocumentDB/databaseAccounts', cosmosAccountName)
  }
}

resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, principalId, roleIds.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, principalId, roleIds.storageQueueDataContributor)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, principalId, roleIds.storageTableDataContributor)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, principalId, roleIds.acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.acrPull)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
