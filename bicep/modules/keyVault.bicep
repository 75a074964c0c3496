// Key Vault for the app's secrets, RBAC-authorized (no access policies), soft delete and purge
// protection on. The app reads secrets only through Key Vault references in its settings
// (@Microsoft.KeyVault(SecretUri=...)), resolved with its managed identity, which holds Key Vault
// Secrets User on this vault (roles.bicep). With managed identities for storage, tables and
// telemetry the default deployment stores no secret here; see storageConnectionStringSecretName
// in main.bicep for the one setting that may hold one.

param location string

@description('Globally unique vault name (3-24 letters, digits, hyphens).')
@minLength(3)
@maxLength(24)
param name string

param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // checkov:skip=CKV_AZURE_109: App Service resolves Key Vault references over the public network when the app has no VNet integration (none here), and App Service is not a trusted service for the firewall bypass; access is RBAC-only.
  // checkov:skip=CKV_AZURE_189: public network access is needed for Key Vault references without VNet integration (see CKV_AZURE_109); every call needs an Entra ID token and an RBAC role.
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
