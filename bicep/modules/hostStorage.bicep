// The Functions host's own storage account (AzureWebJobsStorage: host keys, timer schedule
// monitor and singleton locks). Kept apart from the data account so that the host's Storage Blob
// Data Owner role does not reach the uploads. Identity-based connection only
// (AzureWebJobsStorage__accountName): shared-key access is disabled.

param location string

@description('Globally unique storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string = 'Standard_LRS'
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: the Function App has no virtual-network integration in this deployment, so the host reaches this account over its public endpoint; every request still needs an Entra ID token (shared key is off).
  // checkov:skip=CKV_AZURE_59: public network access is needed for the same reason as CKV_AZURE_35; anonymous blob access and shared keys are off.
  // checkov:skip=CKV_AZURE_206: the host account keeps only reconstructible bookkeeping (host keys, timer status, locks), so geo-replication is not worth its cost; skuName selects the replication.
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
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

output id string = account.id
output name string = account.name
