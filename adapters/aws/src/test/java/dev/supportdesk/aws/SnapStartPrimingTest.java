package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * The SnapStart hooks run the real request path and leave no trace: before and after
 * {@code beforeCheckpoint} the table (DynamoDB Local) and the bucket (moto) hold the same items,
 * and {@code afterRestore} drops the credentials resolved before the snapshot.
 */
class SnapStartPrimingTest {

    @Test
    void apiPrimingRunsTheRequestPathWithoutSideEffects() throws Exception {
        try (ConfigurableApplicationContext context = Emulators.functionalContext(AwsFunctions.API)) {
            // some data of another tenant, which priming must neither see nor change
            EmulatorsAccess.api(context, "alice", "acme", dev.supportdesk.identity.Role.CUSTOMER, "POST", "/tickets",
                    "{\"subject\":\"Printer\",\"description\":\"on fire\",\"priority\":\"HIGH\"}");
            List<String> before = snapshot();
            SnapStartPriming priming = new SnapStartPriming(new HttpApiHandler(context), null);
            priming.beforeCheckpoint(null);
            assertThat(snapshot()).as("table and bucket unchanged by priming").isEqualTo(before);
            assertThat(priming.outcomes()).hasSize(2);
            assertThat(priming.outcomes().get(0)).contains("\"statusCode\":200").contains("UP");
            assertThat(priming.outcomes().get(1)).as("a read through routing, identity and the store").contains("\"statusCode\":404");

            int generation = AwsClients.CREDENTIALS.generation();
            priming.afterRestore(null);
            assertThat(AwsClients.CREDENTIALS.generation()).as("credentials dropped after restore").isEqualTo(generation + 1);
        }
    }

    @Test
    void workflowPrimingQueriesAndWritesNothing() throws Exception {
        try (ConfigurableApplicationContext context = Emulators.functionalContext(AwsFunctions.WORKFLOW)) {
            List<String> before = snapshot();
            SnapStartPriming priming = new SnapStartPriming(null, new StepHandler(context));
            priming.beforeCheckpoint(null);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(priming.outcomes()).singleElement().asString().contains("\"batches\":[]").contains("\"more\":false");
        }
    }

    private static List<String> snapshot() {
        List<String> items = new java.util.ArrayList<>(Emulators.dynamoDb().scan(ScanRequest.builder().tableName(Emulators.TABLE).build())
                .items().stream().map(Object::toString).sorted().toList());
        Emulators.s3().listObjectsV2(ListObjectsV2Request.builder().bucket(Emulators.BUCKET).build()).contents()
                .forEach(o -> items.add(o.key() + " " + o.eTag()));
        return items;
    }
}
