// Azure Cosmos DB for Table (serverless) holding the tickets table, used when tableBackend is
// 'cosmos'. Key-based (local) auth is disabled: the app's Azure Tables SDK (azure-data-tables
// 12.5, DefaultAzureCredential) requests Entra ID tokens for https://cosmos.azure.com when the
// endpoint is a Cosmos DB one, and the app's identity gets the data-plane role assigned in
// roles.bicep. No account key exists to leak, so none goes to Key Vault.

param location string

@description('Globally unique Cosmos DB account name (3-44 lower-case letters, digits, hyphens).')
@minLength(3)
@maxLength(44)
param name string

@description('Name of the tickets table (SUPPORTDESK_AZURE_TABLE_NAME).')
param tableName string

param tags object

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  // checkov:skip=CKV_AZURE_99: the Function App has no VNet integration here, so the account must accept its public endpoint; local (key) auth is disabled, every request needs an Entra ID token and a data-plane role.
  // checkov:skip=CKV_AZURE_101: public network access is required without VNet integration (see CKV_AZURE_99).
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableTable'
      }
      {
        name: 'EnableServerless'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource table 'Microsoft.DocumentDB/databaseAccounts/tables@2024-11-15' = {
  parent: account
  name: tableName
  properties: {
    resource: {
      id: tableName
    }
  }
}

output id string = account.id
output name string = account.name
// The Table API endpoint of the account (the SDK picks the Cosmos DB token scope from it).
output tableEndpoint string = 'https://${account.name}.table.cosmos.azure.com:443/'
