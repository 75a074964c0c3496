package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What holds data outlives the stack: the user pool (the users, their tenants and passwords cannot be
 * recreated), the table and the bucket are kept on stack deletion and on replacement
 * ({@code DeletionPolicy}/{@code UpdateReplacePolicy: Retain}, CloudFormation "DeletionPolicy
 * attribute") and refuse deletion outside CloudFormation (Cognito {@code DeletionProtection: ACTIVE},
 * DynamoDB {@code DeletionProtectionEnabled}). And the table declares no TTL attribute that nothing
 * writes: DynamoDB would delete items by an attribute the code never sets, which only misleads.
 */
class StatefulResourcesTest {

    private static Map<String, Object> resources;

    @BeforeAll
    static void load() throws IOException {
        resources = map(SamTemplate.load().get("Resources"));
    }

    @Test
    void theUserPoolTableAndBucketAreRetainedAndProtected() {
        for (String name : new String[] {"UserPool", "TicketsTable", "UploadsBucket"}) {
            Map<String, Object> resource = map(resources.get(name));
            assertThat(resource.get("DeletionPolicy")).as("%s DeletionPolicy", name).isEqualTo("Retain");
            assertThat(resource.get("UpdateReplacePolicy")).as("%s UpdateReplacePolicy", name).isEqualTo("Retain");
        }
        assertThat(map(map(resources.get("UserPool")).get("Properties")).get("DeletionProtection"))
                .as("UserPool DeletionProtection").isEqualTo("ACTIVE");
        assertThat(map(map(resources.get("TicketsTable")).get("Properties")).get("DeletionProtectionEnabled"))
                .as("TicketsTable DeletionProtectionEnabled").isEqualTo(true);
    }

    @Test
    void aTimeToLiveAttributeIsOneTheStoreCodeWrites() throws IOException {
        Map<String, Object> ttl = map(map(map(resources.get("TicketsTable")).get("Properties")).get("TimeToLiveSpecification"));
        if (ttl.isEmpty()) {
            return;
        }
        String attribute = String.valueOf(ttl.get("AttributeName"));
        Path stores = SamTemplate.repositoryRoot().resolve("adapters/aws/src/main/java/dev/supportdesk/aws/store");
        boolean written;
        try (Stream<Path> files = Files.walk(stores)) {
            written = files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains("\"" + attribute + "\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(written).as("TicketsTable's TTL attribute '%s' is written by a store in %s", attribute, stores).isTrue();
    }
}
