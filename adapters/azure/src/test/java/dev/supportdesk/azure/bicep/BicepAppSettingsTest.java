package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.supportdesk.config.EnvironmentVariableNames;
import dev.supportdesk.azure.AzureProperties;
import dev.supportdesk.azure.BlobCreatedFunction;
import dev.supportdesk.azure.OcrQueueFunction;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.ocr.OcrProperties;
import dev.supportdesk.predict.PredictProperties;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.workflow.WorkflowProperties;
import dev.supportdesk.config.TokenProperties;
import dev.supportdesk.tickets.AttachmentKeys;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Bicep template and the code agree: the Function App's settings are exactly the settings the
 * code reads (under Spring's environment-variable names) plus an explicit list of the host's own
 * settings; Event Grid delivers to the function that exists; role assignments are built-in,
 * least-privilege roles.
 */
class BicepAppSettingsTest {

    /** The ocrQueue trigger's identity-based connection ({@code connection = "OcrQueue"}). */
    private static final String OCR_QUEUE_CONNECTION = OcrQueueFunction.CONNECTION + "__queueServiceUri";
    /** Settings of the Functions host and the platform, which our code does not read. */
    private static final Set<String> HOST_SETTINGS = Set.of(
            "FUNCTIONS_EXTENSION_VERSION",
            "FUNCTIONS_WORKER_RUNTIME",
            "AzureWebJobsStorage__accountName",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "APPLICATIONINSIGHTS_ENABLE_AGENT",
            "WEBSITES_ENABLE_APP_SERVICE_STORAGE",
            "OMP_THREAD_LIMIT",
            "DURABLE_TASK_HUB_NAME",
            OCR_QUEUE_CONNECTION);
    /** Host settings without which the app does not start or is not observable. */
    private static final Set<String> REQUIRED_HOST_SETTINGS = Set.of(
            "FUNCTIONS_EXTENSION_VERSION",
            "FUNCTIONS_WORKER_RUNTIME",
            "AzureWebJobsStorage__accountName",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            OCR_QUEUE_CONNECTION);
    /** Settings whose value may be a secret: only empty or a Key Vault reference is allowed. */
    private static final Set<String> SECRET_SETTINGS = Set.of("SUPPORTDESK_AZURE_STORAGE_CONNECTION_STRING");

    /** Built-in Azure RBAC roles the template may assign (id → name). */
    private static final Map<String, String> ALLOWED_ROLES = Map.of(
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
            "db58b8e5-c6ad-4a2a-8342-4190687cbf4a", "Storage Blob Delegator",
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner",
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor",
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor",
            "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
            "7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull",
            "3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher");
    /** Broad roles that must never appear. */
    private static final Map<String, String> FORBIDDEN_ROLES = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
            "b24988ac-6180-49e0-b49d-4f1a32b3e1ae", "Contributor",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
            "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator",
            "17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor");
    /** Cosmos DB for Table built-in data-plane roles (reader, contributor). */
    private static final Set<String> COSMOS_TABLE_ROLES = Set.of(
            "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002");

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    // ------------------------------------------------------------------ app settings

    /** name → value expression of every entry of {@code siteConfig.appSettings}, in order. */
    static Map<String, String> appSettings() {
        String source = BicepSources.withoutComments(BicepSources.read(BicepSources.FUNCTION_APP));
        String array = BicepSources.valueOf(source, "appSettings");
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        Matcher entry = Pattern.compile("\\{\\s*name:\\s*'([^']+)'\\s*value:[ \\t]*([^\\n]*?)[ \\t]*\\n\\s*\\}").matcher(array);
        int entries = 0;
        while (entry.find()) {
            entries++;
            if (settings.put(entry.group(1), entry.group(2)) != null) {
                duplicates.add(entry.group(1));
            }
        }
        assertThat(duplicates).as("app settings declared twice").isEmpty();
        assertThat(entries).as("entries { name: '...' value: ... } in appSettings")
                .isEqualTo(count(array, Pattern.compile("\\bname:")));
        return settings;
    }

    @Test
    void appSettingsAreExactlyTheSettingsTheCodeReadsPlusHostSettings() {
        Set<String> read = new TreeSet<>();
        read.addAll(EnvironmentVariableNames.ofAll(SupportdeskProperties.class, TicketProperties.class, OcrProperties.class,
                PredictProperties.class, WorkflowProperties.class));
        read.addAll(environmentVariables(TokenProperties.class));
        read.addAll(environmentVariables(AzureProperties.class));
        assertThat(read).as("settings read by the code")
                .contains("SUPPORTDESK_AUTH_TENANT_CLAIM", "SUPPORTDESK_TOKEN_ISSUER", "SUPPORTDESK_AZURE_JWKS_URI");

        Set<String> declared = appSettings().keySet();
        Set<String> supportdesk = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        declared.forEach(n -> (n.startsWith("SUPPORTDESK_") ? supportdesk : others).add(n));

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(difference(read, supportdesk))
                    .as("SUPPORTDESK_* settings the code reads but %s does not set", BicepSources.FUNCTION_APP)
                    .isEmpty();
            softly.assertThat(difference(supportdesk, read))
                    .as("SUPPORTDESK_* settings in %s that no @ConfigurationProperties record reads", BicepSources.FUNCTION_APP)
                    .isEmpty();
            softly.assertThat(difference(others, HOST_SETTINGS))
                    .as("settings in %s that are neither read by the code nor host settings %s", BicepSources.FUNCTION_APP, HOST_SETTINGS)
                    .isEmpty();
            softly.assertThat(difference(REQUIRED_HOST_SETTINGS, others))
                    .as("host settings missing from %s", BicepSources.FUNCTION_APP)
                    .isEmpty();
        });
    }

    @Test
    void secretsComeOnlyFromKeyVaultAndNoKeyIsReadIntoTheTemplate() {
        Map<String, String> settings = appSettings();
        for (String secret : SECRET_SETTINGS) {
            String value = settings.get(secret);
            assertThat(value).as("value of %s", secret).isNotNull();
            // Either empty (managed identity) or a Key Vault reference; never a parameter or a listKeys() result.
            String withoutReference = value.replaceAll("'@Microsoft\\.KeyVault\\(SecretUri=[^']*\\)'", "<kv>");
            assertThat(withoutReference).as("%s = %s", secret, value).matches("(''|<kv>|.*\\?\\s*''\\s*:\\s*<kv>)");
        }
        assertThat(settings.get("AzureWebJobsStorage__accountName")).as("identity-based host storage").doesNotContain("AccountKey");
        for (String file : BicepSources.allFiles()) {
            String source = BicepSources.withoutComments(BicepSources.read(file));
            assertThat(source).as("%s reads no keys or connection strings of resources", file)
                    .doesNotContain("listKeys(").doesNotContain("listConnectionStrings(").doesNotContain("AccountKey=");
        }
    }

    static Set<String> environmentVariables(Class<? extends Record> type) {
        return EnvironmentVariableNames.of(type);
    }

    static String kebab(String camel) {
        return EnvironmentVariableNames.kebab(camel);
    }

    @Test
    void propertyNamesTurnIntoEnvironmentVariablesAsSpringBindsThem() {
        assertThat(environmentVariables(TokenProperties.class))
                .containsExactlyInAnyOrder("SUPPORTDESK_TOKEN_ISSUER", "SUPPORTDESK_TOKEN_AUDIENCE");
        assertThat(environmentVariables(AzureProperties.class)).contains(
                "SUPPORTDESK_AZURE_TABLE_NAME", "SUPPORTDESK_AZURE_STORAGE_CONNECTION_STRING", "SUPPORTDESK_AZURE_ROUTE_PREFIX");
        assertThat(EnvironmentVariableNames.ofAll(SupportdeskProperties.class, TicketProperties.class, OcrProperties.class,
                PredictProperties.class, WorkflowProperties.class)).contains("SUPPORTDESK_AUTH_ROLES_CLAIM");
    }

    // ------------------------------------------------------------------ Event Grid

    @Test
    void eventGridSubscriptionDeliversBlobCreatedOfTheUploadsContainerToTheBlobCreatedFunction() {
        String source = BicepSources.read(BicepSources.EVENT_GRID);
        String functionName = BicepSources.stringVariables(source).get("functionName");
        assertThat(functionName).as("var functionName in %s", BicepSources.EVENT_GRID).isEqualTo(eventGridFunctionName());

        BicepSources.Resource subscription = BicepSources.resources(BicepSources.EVENT_GRID).stream()
                .filter(r -> r.type().equals("Microsoft.EventGrid/systemTopics/eventSubscriptions"))
                .findFirst().orElseThrow(() -> new AssertionError("no event subscription in " + BicepSources.EVENT_GRID));
        String body = subscription.body();
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(body).as("destination").contains("endpointType: 'AzureFunction'")
                    .contains("resourceId: '${functionAppId}/functions/${functionName}'");
            softly.assertThat(BicepSources.valueOf(body, "includedEventTypes")).as("event types")
                    .contains("'Microsoft.Storage.BlobCreated'")
                    .satisfies(types -> assertThat(count(types, Pattern.compile("'[^']+'"))).isEqualTo(1));
            softly.assertThat(body).as("subject filter: attachment blobs of the uploads container")
                    .contains("subjectBeginsWith: '/blobServices/default/containers/${uploadsContainerName}/blobs/${attachmentPrefix}'");
            softly.assertThat(BicepSources.stringVariables(source).get("attachmentPrefix")).as("var attachmentPrefix")
                    .isEqualTo(AttachmentKeys.PREFIX);
            softly.assertThat(BicepSources.valueOf(body, "retryPolicy")).as("retry policy")
                    .contains("maxDeliveryAttempts:").contains("eventTimeToLiveInMinutes:");
            softly.assertThat(BicepSources.valueOf(body, "deadLetterWithResourceIdentity")).as("dead-lettering with identity")
                    .contains("type: 'SystemAssigned'")
                    .contains("endpointType: 'StorageBlob'")
                    .contains("blobContainerName: deadLetterContainerName");
            softly.assertThat(body).as("event schema the function parses").contains("eventDeliverySchema: 'EventGridSchema'");
        });

        // main.bicep hands the same container to the app (SUPPORTDESK_AZURE_CONTAINER_NAME) and to the filter.
        String main = BicepSources.withoutComments(BicepSources.read(BicepSources.MAIN));
        assertThat(moduleBody(main, "functionApp")).contains("uploadsContainerName: uploadsContainerName");
        assertThat(moduleBody(main, "eventGrid")).contains("uploadsContainerName: uploadsContainerName");
        assertThat(moduleBody(main, "dataStorage")).contains("uploadsContainerName: uploadsContainerName");
        assertThat(appSettings().get("SUPPORTDESK_AZURE_CONTAINER_NAME")).isEqualTo("uploadsContainerName");
    }

    /** The @FunctionName of the method of BlobCreatedFunction that has an @EventGridTrigger parameter. */
    private static String eventGridFunctionName() {
        List<String> names = new ArrayList<>();
        for (Method method : BlobCreatedFunction.class.getMethods()) {
            FunctionName name = method.getAnnotation(FunctionName.class);
            boolean eventGrid = false;
            for (Parameter p : method.getParameters()) {
                eventGrid |= p.isAnnotationPresent(EventGridTrigger.class);
            }
            if (name != null && eventGrid) {
                names.add(name.value());
            }
        }
        assertThat(names).as("Event Grid-triggered functions of BlobCreatedFunction").hasSize(1);
        return names.get(0);
    }

    private static String moduleBody(String main, String symbol) {
        Matcher m = Pattern.compile("(?m)^module\\s+" + symbol + "\\s+'[^']+'\\s*=\\s*(?:if\\s*\\([^\\n]*?\\)\\s*)?\\{").matcher(main);
        assertThat(m.find()).as("module %s in %s", symbol, BicepSources.MAIN).isTrue();
        return BicepSources.balanced(main, m.end() - 1);
    }

    // ------------------------------------------------------------------ OCR queue

    /**
     * The queue blobCreated enqueues to is the one the ocrQueue trigger reads, reached the same way: the
     * trigger's connection {@code OcrQueue__queueServiceUri} and the code's {@code SUPPORTDESK_AZURE_QUEUE_ENDPOINT}
     * are the data account's queue endpoint; the trigger's {@code %SUPPORTDESK_AZURE_OCR_QUEUE_NAME%} is the
     * queue the data account creates, next to its {@code -poison} queue; the app may use exactly those two.
     */
    @Test
    void theOcrQueueIsTheOneTheTriggerReadsAndTheOnlyQueueTheAppMayUseInTheDataAccount() throws Exception {
        Map<String, String> settings = appSettings();
        Method run = OcrQueueFunction.class.getMethod("run", String.class, com.microsoft.azure.functions.ExecutionContext.class);
        QueueTrigger trigger = run.getParameters()[0].getAnnotation(QueueTrigger.class);
        assertThat(trigger.queueName()).isEqualTo("%SUPPORTDESK_AZURE_OCR_QUEUE_NAME%");
        assertThat(settings.get(OCR_QUEUE_CONNECTION)).as(OCR_QUEUE_CONNECTION).isEqualTo("queueEndpoint")
                .isEqualTo(settings.get("SUPPORTDESK_AZURE_QUEUE_ENDPOINT"));
        assertThat(settings.get("SUPPORTDESK_AZURE_OCR_QUEUE_NAME")).isEqualTo("ocrQueueName");

        String main = BicepSources.withoutComments(BicepSources.read(BicepSources.MAIN));
        assertThat(moduleBody(main, "functionApp")).contains("queueEndpoint: dataStorage.outputs.queueEndpoint")
                .contains("ocrQueueName: ocrQueueName");
        assertThat(moduleBody(main, "dataStorage")).contains("ocrQueueName: ocrQueueName");
        assertThat(moduleBody(main, "roles")).contains("ocrQueueName: ocrQueueName");

        String data = BicepSources.DATA_STORAGE;
        assertThat(BicepSources.resources(data)).filteredOn(r -> r.type().equals("Microsoft.Storage/storageAccounts/queueServices/queues"))
                .extracting(r -> r.body().lines().filter(l -> l.trim().startsWith("name:")).findFirst().orElseThrow().trim())
                .containsExactlyInAnyOrder("name: ocrQueueName", "name: '${ocrQueueName}-poison'");

        List<BicepSources.Resource> roles = BicepSources.resources(BicepSources.ROLES);
        Map<String, String> queues = new java.util.TreeMap<>();
        roles.stream().filter(r -> r.existing() && r.type().equals("Microsoft.Storage/storageAccounts/queueServices/queues"))
                .forEach(r -> queues.put(r.symbol(), r.body()));
        assertThat(queues.values()).anyMatch(body -> body.contains("name: ocrQueueName"))
                .anyMatch(body -> body.contains("name: '${ocrQueueName}-poison'"))
                .allMatch(body -> body.contains("parent: dataQueueService"));
        List<String> queueRoleScopes = roles.stream()
                .filter(r -> !r.existing() && r.type().equals("Microsoft.Authorization/roleAssignments")
                        && r.body().contains("roleIds.storageQueueDataContributor"))
                .map(r -> scope(r.body())).toList();
        assertThat(queueRoleScopes).as("Storage Queue Data Contributor scopes")
                .containsExactlyInAnyOrder("hostStorage", "ocrQueue", "ocrPoisonQueue");
        assertThat(queues).containsKeys("ocrQueue", "ocrPoisonQueue");
    }

    private static String scope(String body) {
        Matcher m = Pattern.compile("(?m)^\\s*scope:\\s*(\\w+)\\s*$").matcher(body);
        assertThat(m.find()).as("scope of %s", body).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------ the tickets table

    /**
     * Table names are case-sensitive in Cosmos DB for Table, not in Table Storage
     * (https://learn.microsoft.com/azure/cosmos-db/table/faq): the app reads the very name the table is
     * created with, from one parameter, never re-cased.
     */
    @Test
    void theAppReadsTheTicketsTableByTheExactNameItIsCreatedWith() {
        assertThat(appSettings().get("SUPPORTDESK_AZURE_TABLE_NAME")).isEqualTo("tableName");
        String main = BicepSources.withoutComments(BicepSources.read(BicepSources.MAIN));
        for (String module : List.of("functionApp", "cosmosTable", "dataStorage", "roles")) {
            assertThat(moduleBody(main, module)).as("module %s", module).contains("tableName: tableName");
        }
        BicepSources.Resource cosmosTable = BicepSources.resources(BicepSources.BICEP_DIR + "/modules/cosmosTable.bicep")
                .stream().filter(r -> r.type().equals("Microsoft.DocumentDB/databaseAccounts/tables")).findFirst().orElseThrow();
        assertThat(cosmosTable.body()).contains("name: tableName").contains("id: tableName");
        for (String file : BicepSources.allFiles()) {
            assertThat(BicepSources.withoutComments(BicepSources.read(file))).as(file)
                    .doesNotContainPattern("to(Lower|Upper)\\(\\s*tableName");
        }
    }

    // ------------------------------------------------------------------ roles

    @Test
    void roleAssignmentsUseLeastPrivilegeBuiltInRoles() {
        List<String> problems = new ArrayList<>();
        Set<String> assigned = new TreeSet<>();
        int assignments = 0;
        for (String file : BicepSources.allFiles()) {
            String source = BicepSources.read(file);
            Map<String, String> variables = BicepSources.stringVariables(source);
            Map<String, String> roleIds = BicepSources.objectVariable(source, "roleIds");

            Matcher anyGuid = GUID.matcher(source);
            while (anyGuid.find()) {
                String name = FORBIDDEN_ROLES.get(anyGuid.group().toLowerCase(Locale.ROOT));
                if (name != null) {
                    problems.add(file + " mentions the " + name + " role (" + anyGuid.group() + ")");
                }
            }
            for (BicepSources.Resource r : BicepSources.resources(file)) {
                if (r.existing()) {
                    continue;
                }
                if (r.type().equals("Microsoft.Authorization/roleAssignments")) {
                    assignments++;
                    Matcher def = Pattern.compile("roleDefinitionId:\\s*subscriptionResourceId\\(\\s*'Microsoft\\.Authorization/roleDefinitions'\\s*,\\s*([^)]+)\\)")
                            .matcher(r.body());
                    if (!def.find()) {
                        problems.add(file + " " + r.symbol() + ": roleDefinitionId is not subscriptionResourceId('Microsoft.Authorization/roleDefinitions', <built-in id>)");
                        continue;
                    }
                    String id = resolve(def.group(1).trim(), variables, roleIds);
                    if (id == null || !ALLOWED_ROLES.containsKey(id)) {
                        problems.add(file + " " + r.symbol() + ": role " + def.group(1).trim() + " = " + id
                                + " is not one of the allowed built-in roles " + ALLOWED_ROLES.values());
                    } else {
                        assigned.add(ALLOWED_ROLES.get(id));
                    }
                    if (!r.body().contains("principalType: 'ServicePrincipal'")) {
                        problems.add(file + " " + r.symbol() + ": principalType is not ServicePrincipal (a managed identity)");
                    }
                    if (!Pattern.compile("(?m)^\\s*scope:\\s*\\w+\\s*$").matcher(r.body()).find()) {
                        problems.add(file + " " + r.symbol() + ": no explicit resource scope (it would apply to the whole resource group)");
                    }
                } else if (r.type().equals("Microsoft.DocumentDB/databaseAccounts/tableRoleAssignments")) {
                    assignments++;
                    Matcher def = Pattern.compile("tableRoleDefinitions/\\$\\{(\\w+)\\}").matcher(r.body());
                    String id = def.find() ? variables.get(def.group(1)) : null;
                    if (id == null || !COSMOS_TABLE_ROLES.contains(id)) {
                        problems.add(file + " " + r.symbol() + ": Cosmos DB table role " + id + " is not a built-in data-plane role");
                    }
                } else if (r.type().equals("Microsoft.Authorization/roleDefinitions")
                        || r.type().endsWith("/tableRoleDefinitions") || r.type().endsWith("/sqlRoleDefinitions")) {
                    problems.add(file + " " + r.symbol() + ": defines a custom role; use built-in roles");
                }
            }
        }
        assertThat(problems).as("role assignment problems").isEmpty();
        assertThat(assignments).as("role assignments in %s", BicepSources.BICEP_DIR).isGreaterThanOrEqualTo(8);
        assertThat(assigned).as("roles the deployment assigns").contains(
                "Storage Blob Data Contributor", "Storage Blob Delegator", "Storage Table Data Contributor",
                "Storage Blob Data Owner", "Key Vault Secrets User", "AcrPull");
    }

    private static String resolve(String expression, Map<String, String> variables, Map<String, String> roleIds) {
        if (expression.matches("'[^']*'")) {
            return expression.substring(1, expression.length() - 1).toLowerCase(Locale.ROOT);
        }
        if (expression.startsWith("roleIds.")) {
            String id = roleIds.get(expression.substring("roleIds.".length()));
            return id == null ? null : id.toLowerCase(Locale.ROOT);
        }
        String id = variables.get(expression);
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ helpers

    private static int count(String text, Pattern pattern) {
        return (int) pattern.matcher(text).results().count();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
