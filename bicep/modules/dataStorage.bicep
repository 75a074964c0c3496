// The data storage account: the uploads container (clients PUT files to it through short-lived
// user delegation SAS URLs), the container where Event Grid dead-letters undeliverable BlobCreated
// events, the OCR work queue (blobCreated enqueues, the ocrQueue function runs it; the Functions host
// moves a message that failed maxDequeueCount times to <queue>-poison, created here too so that it is
// kept and the app needs no account-wide queue role), and, when tableBackend is 'storage', the tickets
// table. Shared-key access is disabled:
// the app reaches blobs and tables with its managed identity and signs upload URLs with a user
// delegation key, Event Grid dead-letters with its system topic's identity.

param location string

@description('Globally unique storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_GRS'

@description('Blob container that receives uploads (SUPPORTDESK_AZURE_CONTAINER_NAME).')
param uploadsContainerName string

@description('Blob container for dead-lettered Event Grid events.')
param deadLetterContainerName string

@description('Create the tickets table in this account (tableBackend = storage).')
param createTable bool

@description('Name of the tickets table (SUPPORTDESK_AZURE_TABLE_NAME).')
param tableName string

@description('Storage queue of OCR work (SUPPORTDESK_AZURE_OCR_QUEUE_NAME); its poison queue is <name>-poison.')
param ocrQueueName string

@description('Days deleted blobs, containers and old blob versions are kept.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Days dead-lettered events are kept.')
@minValue(1)
param deadLetterRetentionDays int

@description('Browser origins allowed to PUT to upload URLs (CORS); empty: no browser uploads.')
param corsAllowedOrigins array

param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: clients upload files from the internet straight to this account through short-lived user delegation SAS URLs, so the public endpoint must accept them; no anonymous access, no shared key.
  // checkov:skip=CKV_AZURE_59: public network access is required for SAS uploads (see CKV_AZURE_35); blob public access and shared keys are off.
  // checkov:skip=CKV_AZURE_206: replication is the skuName parameter, geo-redundant (Standard_GRS) by default; checkov 3.3.30 resolves module parameters nondeterministically and failed this check in 1 of 3 identical runs.
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
      retentionInDays: softDeleteDays
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    cors: {
      corsRules: empty(corsAllowedOrigins) ? [] : [
        {
          allowedOrigins: corsAllowedOrigins
          allowedMethods: [
            'PUT'
            'OPTIONS'
          ]
          allowedHeaders: [
            'content-type'
            'x-ms-blob-type'
            'x-ms-version'
            'x-ms-date'
          ]
          exposedHeaders: [
            'etag'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource uploads 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: uploadsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetter 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Versioning keeps every overwritten upload; old versions and dead-lettered events expire.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-upload-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${uploadsContainerName}/'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: softDeleteDays
                }
              }
            }
          }
        }
        {
          name: 'expire-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${deadLetterContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: deadLetterRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource ocrQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: ocrQueueName
}

resource ocrPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${ocrQueueName}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = if (createTable) {
  parent: account
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = if (createTable) {
  parent: tableService
  name: tableName
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
output uploadsContainerId string = uploads.id
output deadLetterContainerId string = deadLetter.id
output tableId string = createTable ? table.id : ''
