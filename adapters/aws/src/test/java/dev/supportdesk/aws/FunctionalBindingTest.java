package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.aws.telemetry.AwsMetricsProperties;
import dev.supportdesk.config.Functional;
import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.workflow.WorkflowProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The functional contexts bind their settings without Spring Boot's {@code Binder} (Functional.bind):
 * for every settings record of the Lambda functions, from the Lambda environment's variables and from
 * application properties, the result equals what Boot's {@code Binder} makes of the same environment.
 */
class FunctionalBindingTest {

    record Case(String prefix, Class<?> type) {
    }

    static List<Case> records() {
        return List.of(new Case("supportdesk", SupportdeskProperties.class), new Case("supportdesk", TicketProperties.class),
                new Case("supportdesk", SweepProperties.class), new Case("supportdesk.aws", AwsProperties.class), new Case("supportdesk.aws.metrics", AwsMetricsProperties.class),
                new Case("supportdesk.workflow", WorkflowProperties.class));
    }

    private static final Map<String, Object> LAMBDA_ENVIRONMENT = Map.of(
            "SUPPORTDESK_AWS_TABLE_NAME", "tickets", "SUPPORTDESK_AWS_BUCKET_NAME", "uploads",
            "SUPPORTDESK_AUTH_TENANT_CLAIM", "custom:tenant", "SUPPORTDESK_AUTH_ROLES_CLAIM", "cognito:groups",
            "SUPPORTDESK_SHARDED_TENANTS", "big, bigger", "SUPPORTDESK_MAX_BODY_BYTES", "1024",
            "SUPPORTDESK_WORKFLOW_SLA_HIGH", "2h", "SUPPORTDESK_WORKFLOW_AUTO_CLOSE_AFTER", "P14D",
            "SUPPORTDESK_WORKFLOW_BATCH_SIZE", "25", "SUPPORTDESK_AWS_METRICS_NAMESPACE", "supportdesk");

    private static final Map<String, Object> APPLICATION_PROPERTIES = Map.of(
            "supportdesk.aws.table-name", "tickets", "supportdesk.sharded-tenants", "big",
            "supportdesk.upload-url-validity", "30s", "supportdesk.workflow.sla.low", "5d",
            "supportdesk.workflow.ocr-max-attempts", "5", "supportdesk.sweep-write-rate", "5000");

    @ParameterizedTest
    @MethodSource("records")
    void bindsTheLambdaEnvironmentAsBootDoes(Case binding) {
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, LAMBDA_ENVIRONMENT);
        assertBoundAsBootBinds(context, binding);
    }

    @ParameterizedTest
    @MethodSource("records")
    void bindsApplicationPropertiesAsBootDoes(Case binding) {
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, Map.of());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("properties", APPLICATION_PROPERTIES));
        assertBoundAsBootBinds(context, binding);
    }

    @ParameterizedTest
    @MethodSource("records")
    void bindsDefaultsAsBootDoes(Case binding) {
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, Map.of());
        assertBoundAsBootBinds(context, binding);
    }

    @org.junit.jupiter.api.Test
    void readsTheValuesTheTemplateSets() {
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, LAMBDA_ENVIRONMENT);
        TicketProperties tickets = Functional.bind(context, "supportdesk", TicketProperties.class);
        WorkflowProperties workflow = Functional.bind(context, "supportdesk.workflow", WorkflowProperties.class);
        assertThat(tickets.shardedTenants()).containsExactly("big", "bigger");
        assertThat(tickets.uploadUrlValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(workflow.sla().high()).isEqualTo(Duration.ofHours(2));
        assertThat(workflow.sla().low()).isEqualTo(Duration.ofDays(3));
        assertThat(workflow.autoCloseAfter()).isEqualTo(Duration.ofDays(14));
        assertThat(Functional.bind(context, "supportdesk", SupportdeskProperties.class).auth().rolesClaim()).isEqualTo("cognito:groups");
    }

    @org.junit.jupiter.api.Test
    void aValueOfTheWrongTypeNamesTheSetting() {
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, Map.of("SUPPORTDESK_WORKFLOW_BATCH_SIZE", "many"));
        assertThatThrownBy(() -> Functional.bind(context, "supportdesk.workflow", WorkflowProperties.class))
                .hasMessageContaining("supportdesk.workflow.batch-size").hasMessageContaining("many");
    }

    @org.junit.jupiter.api.Test
    void aSweepWriteRateThatIsNoPositiveNumberFailsNamingItsVariable() {
        for (String rate : List.of("0", "-5", "fast", "1.5")) {
            GenericApplicationContext context = new GenericApplicationContext();
            lambdaEnvironment(context, Map.of("SUPPORTDESK_SWEEP_WRITE_RATE", rate));
            assertThatThrownBy(() -> Functional.bind(context, "supportdesk", SweepProperties.class)).as(rate)
                    .hasMessageContaining("SUPPORTDESK_SWEEP_WRITE_RATE").hasMessageContaining(rate);
        }
        GenericApplicationContext context = new GenericApplicationContext();
        lambdaEnvironment(context, Map.of("SUPPORTDESK_SWEEP_WRITE_RATE", "250000"));
        assertThat(Functional.bind(context, "supportdesk", SweepProperties.class).sweepWriteRate()).isEqualTo(250_000);
    }

    /** The process environment's property source replaced by {@code variables} (Boot maps names only for that source). */
    private static void lambdaEnvironment(GenericApplicationContext context, Map<String, Object> variables) {
        context.getEnvironment().getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    private static void assertBoundAsBootBinds(GenericApplicationContext context, Case binding) {
        Object boot = Binder.get(context.getEnvironment()).bindOrCreate(binding.prefix(), binding.type());
        assertThat(Functional.bind(context, binding.prefix(), binding.type())).isEqualTo(boot);
    }
}
