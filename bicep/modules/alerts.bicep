// Alerts on what the functions report to Application Insights, to one action group. The functions'
// metrics (OpenTelemetryTelemetry, exported by the Java worker's Application Insights agent) are in the
// customMetrics table under the catalogue's names (docs/operating.md); request telemetry is in requests.
// Log search alerts, because custom metrics only become alertable platform metrics with
// "custom metric dimensions" enabled on the component, and a histogram there has no percentiles.

@description('Azure region of the resources.')
param location string

@description('Prefix of the alert and action group names.')
param appName string

@description('Resource id of the Application Insights component the alerts query.')
param appInsightsId string

@description('Address the action group e-mails; empty: no receiver.')
param alertEmail string

@description('API 5xx share (%) over 5 minutes above which the error-rate alert fires.')
param apiErrorRatePercent int

@description('API p99 latency (ms) over 5 minutes above which the latency alert fires.')
param apiLatencyP99Millis int

param tags object

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${appName}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${appName}al', 12)
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alerts = [
  {
    name: 'api-5xx-share'
    description: 'API: more than ${apiErrorRatePercent} % of responses were 5xx over 5 minutes (api_requests_total)'
    severity: 1
    query: 'customMetrics | where name == "api_requests_total" | extend status_class = tostring(customDimensions.status_class) | summarize total = sum(valueSum), errors = sumif(valueSum, status_class == "5xx") | where total > 0 and 100.0 * errors / total > ${apiErrorRatePercent}'
  }
  {
    name: 'api-p99-latency'
    description: 'API: p99 request duration above ${apiLatencyP99Millis} ms over 5 minutes (request telemetry of httpApi)'
    severity: 2
    query: 'requests | where operation_Name == "httpApi" | summarize p99 = percentile(duration, 99), n = count() | where n > 0 and p99 > ${apiLatencyP99Millis}'
  }
  {
    name: 'function-failures'
    description: 'A function invocation failed (request telemetry with success == false, any function)'
    severity: 2
    query: 'requests | where success == false and operation_Name != "httpApi" | summarize failures = count() by operation_Name | where failures > 0'
  }
  {
    name: 'workflow-failed-runs'
    description: 'A workflow run was recorded as failed (workflow_runs_total outcome=failed)'
    severity: 2
    query: 'customMetrics | where name == "workflow_runs_total" and tostring(customDimensions.outcome) == "failed" | summarize failed = sum(valueSum) | where failed > 0'
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in alerts: {
  name: '${appName}-${alert.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${appName} ${alert.name}'
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

output actionGroupId string = actionGroup.id
