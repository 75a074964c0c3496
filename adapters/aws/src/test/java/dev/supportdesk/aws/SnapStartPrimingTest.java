package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.telemetry.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * The SnapStart hooks run the real request path and leave no trace: before and after
 * {@code beforeCheckpoint} the table (DynamoDB Local) and the bucket (moto) hold the same items,
 * no metric is reported (neither an EMF document on standard output nor a change in the instance's
 * registry), and {@code afterRestore} drops the credentials resolved before the snapshot.
 */
class SnapStartPrimingTest {

    @Test
    void apiPrimingRunsTheRequestPathWithoutSideEffects() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8)); // where EMF documents go
        try (ConfigurableApplicationContext context = Emulators.functionalContext(AwsFunctions.API)) {
            // some data of another tenant, which priming must neither see nor change
            EmulatorsAccess.api(context, "alice", "acme", dev.supportdesk.identity.Role.CUSTOMER, "POST", "/tickets",
                    "{\"subject\":\"Printer\",\"description\":\"on fire\",\"priority\":\"HIGH\"}");
            assertThat(stdout.toString(StandardCharsets.UTF_8)).as("a caller's request is in the metrics").contains("\"_aws\"");
            List<String> before = snapshot();
            String metricsBefore = context.getBean(MetricRegistry.class).json().toString();
            stdout.reset();
            SnapStartPriming priming = new SnapStartPriming(new HttpApiHandler(context), null, context);
            priming.beforeCheckpoint(null);
            assertThat(snapshot()).as("table and bucket unchanged by priming").isEqualTo(before);
            assertThat(stdout.toString(StandardCharsets.UTF_8)).as("no EMF document for priming requests").doesNotContain("\"_aws\"");
            assertThat(context.getBean(MetricRegistry.class).json().toString()).as("the instance's metrics unchanged")
                    .isEqualTo(metricsBefore);
            assertThat(priming.outcomes()).hasSize(2);
            assertThat(priming.outcomes().get(0)).contains("\"statusCode\":200").contains("UP");
            assertThat(priming.outcomes().get(1)).as("a read through routing, identity and the store").contains("\"statusCode\":404");

            int generation = AwsClients.CREDENTIALS.generation();
            priming.afterRestore(null);
            assertThat(AwsClients.CREDENTIALS.generation()).as("credentials dropped after restore").isEqualTo(generation + 1);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void workflowPrimingQueriesAndWritesNothing() throws Exception {
        try (ConfigurableApplicationContext context = Emulators.functionalContext(AwsFunctions.WORKFLOW)) {
            List<String> before = snapshot();
            String metricsBefore = context.getBean(MetricRegistry.class).json().toString();
            SnapStartPriming priming = new SnapStartPriming(null, new StepHandler(context), context);
            priming.beforeCheckpoint(null);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(context.getBean(MetricRegistry.class).json().toString()).isEqualTo(metricsBefore);
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
