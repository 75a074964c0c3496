package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.aws.store.DynamoDbTicketStore;
import dev.supportdesk.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The deployed API and workflow functions start {@link AwsFunctions}' registrations, while the
 * template checks (FunctionPermissionsTest, DeployedCode) read the configuration classes: both must
 * wire the same project and SDK beans and offer the same functions in the catalog.
 */
class FunctionalRegistrationParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"api", "workflow"})
    void functionalRegistrationsWireWhatTheConfigurationClassDeclares(String function) {
        Class<?> configuration = function.equals("api") ? AwsApiConfiguration.class : AwsWorkflowConfiguration.class;
        ApplicationContextInitializer<GenericApplicationContext> registrations = function.equals("api")
                ? AwsFunctions.API : AwsFunctions.WORKFLOW;
        try (ConfigurableApplicationContext boot = bootContext(configuration);
             ConfigurableApplicationContext functional = Emulators.functionalContext(registrations)) {
            assertThat(projectBeanTypes(functional)).isEqualTo(projectBeanTypes(boot));
            Set<String> functions = new TreeSet<>(List.of(functional.getBeanNamesForType(FunctionRegistration.class)));
            assertThat(functions).isEqualTo(bootFunctionNames(boot));
            FunctionCatalog catalog = functional.getBean(FunctionCatalog.class);
            assertThat(functions).allSatisfy(name -> assertThat((Object) catalog.lookup(name)).as(name).isNotNull());
            if (function.equals("api")) {
                assertThat(catalog).isInstanceOf(RegisteredFunctions.class);
                assertThat(catalog.getNames(null)).isEqualTo(functions);
            }
            assertThat(functional.getBean(Telemetry.class)).isInstanceOf(PrimingAwareTelemetry.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "workflow"})
    void functionalTicketStoreShardsTheTenantsOfTheBigTierOnly(String function) {
        ApplicationContextInitializer<GenericApplicationContext> registrations = function.equals("api")
                ? AwsFunctions.API : AwsFunctions.WORKFLOW;
        try (ConfigurableApplicationContext functional = Emulators.functionalContext(registrations,
                Map.of("supportdesk.sharded-tenants", "big"))) {
            DynamoDbKeys keys = functional.getBean(DynamoDbTicketStore.class).keys();
            assertThat(keys.tenantShards("big")).isEqualTo(DynamoDbKeys.TENANT_SHARDS);
            assertThat(keys.tenantShards("ordinary")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "workflow"})
    void functionalTicketStoreSizesItsSweepsForTheSweepWriteRate(String function) {
        ApplicationContextInitializer<GenericApplicationContext> registrations = function.equals("api")
                ? AwsFunctions.API : AwsFunctions.WORKFLOW;
        try (ConfigurableApplicationContext unset = Emulators.functionalContext(registrations);
             ConfigurableApplicationContext raised = Emulators.functionalContext(registrations,
                     Map.of("supportdesk.sweep-write-rate", "250000"))) {
            assertThat(unset.getBean(DynamoDbTicketStore.class).keys().sweepShards("T#OPEN#NORMAL")).isEqualTo(2);
            assertThat(raised.getBean(DynamoDbTicketStore.class).keys().sweepShards("T#OPEN#NORMAL")).isEqualTo(400);
        }
    }

    @org.junit.jupiter.api.Test
    void bootTicketStoreSizesItsSweepsForTheSweepWriteRate() {
        try (ConfigurableApplicationContext boot = bootContext(AwsWorkflowConfiguration.class, Map.of())) {
            assertThat(boot.getBean(DynamoDbTicketStore.class).keys().sweepShards("T#OPEN#NORMAL")).isEqualTo(2);
        }
        try (ConfigurableApplicationContext boot = bootContext(AwsWorkflowConfiguration.class,
                Map.of("supportdesk.sweep-write-rate", "250000"))) {
            assertThat(boot.getBean(DynamoDbTicketStore.class).keys().sweepShards("T#OPEN#NORMAL")).isEqualTo(400);
        }
    }

    private static ConfigurableApplicationContext bootContext(Class<?> configuration) {
        return bootContext(configuration, Map.of());
    }

    private static ConfigurableApplicationContext bootContext(Class<?> configuration, Map<String, Object> settings) {
        return new SpringApplicationBuilder(configuration, Emulators.Clients.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("spring.main.allow-bean-definition-overriding=true")
                .properties(Map.of("supportdesk.aws.state-machine-arn", Emulators.stateMachineArn(),
                        "supportdesk.aws.ocr-function-arn", Emulators.OCR_FUNCTION_ARN,
                        "supportdesk.aws.table-name", Emulators.TABLE, "supportdesk.aws.bucket-name", Emulators.BUCKET,
                        "supportdesk.auth.tenant-claim", "custom:tenant", "supportdesk.auth.roles-claim", "cognito:groups"))
                .properties(settings)
                .run();
    }

    /** The types of the project's and the SDK's beans, by the class each bean is (not the declared return type). */
    private static Set<String> projectBeanTypes(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory factory = context.getBeanFactory();
        Set<String> types = new TreeSet<>();
        for (String name : factory.getBeanDefinitionNames()) {
            Object bean = factory.getBean(name);
            Class<?> type = ClassUtils.getUserClass(bean);
            if (bean instanceof FunctionRegistration<?> registration) {
                type = registration.getTarget().getClass();
            }
            boolean project = type.getName().startsWith("dev.supportdesk.") && !type.isAnnotationPresent(Configuration.class);
            boolean sdk = type.getName().startsWith("software.amazon.awssdk.");
            // the functional context wraps the same telemetry to silence it while SnapStart priming runs
            boolean primingWrapper = type == PrimingAwareTelemetry.class;
            // the API's functional context catalogues the same functions without SCF's converting registry
            boolean catalog = type == RegisteredFunctions.class;
            if ((project || sdk) && !primingWrapper && !catalog && !type.isSynthetic() && !type.isAnonymousClass()) {
                types.add(type.getName());
            }
        }
        return types;
    }

    /** The catalog's functions, less SCF's routing function (its auto-configuration adds it; no handler looks it up). */
    private static Set<String> bootFunctionNames(ConfigurableApplicationContext context) {
        Set<String> names = new TreeSet<>(context.getBean(FunctionCatalog.class).getNames(Function.class));
        names.remove("functionRouter");
        return names;
    }
}
