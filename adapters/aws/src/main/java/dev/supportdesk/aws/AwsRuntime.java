package dev.supportdesk.aws;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring context per Lambda instance, created on the first invocation (or during the SnapStart
 * snapshot) from the configuration of the function the instance runs.
 */
public final class AwsRuntime {

    private static volatile ConfigurableApplicationContext shared;

    /**
     * The functions whose contexts start from functional registrations ({@link AwsFunctions}) instead of
     * their configuration classes under Spring Boot; the others (predict, OCR) still start the Boot way.
     */
    private static final Map<Class<?>, ApplicationContextInitializer<GenericApplicationContext>> FUNCTIONAL = Map.of(
            AwsApiConfiguration.class, AwsFunctions.API,
            AwsWorkflowConfiguration.class, AwsFunctions.WORKFLOW);

    private AwsRuntime() {
    }

    /** The instance's context; a Lambda instance runs exactly one function, so one configuration. */
    public static ConfigurableApplicationContext shared(Class<?> configuration) {
        ConfigurableApplicationContext context = shared;
        if (context == null) {
            synchronized (AwsRuntime.class) {
                context = shared;
                if (context == null) {
                    context = start(configuration, Map.of());
                    shared = context;
                }
            }
        }
        return context;
    }

    /** The instance's context, once {@link #shared} has started it. */
    static ConfigurableApplicationContext current() {
        ConfigurableApplicationContext context = shared;
        if (context == null) {
            throw new IllegalStateException("no context yet: the handler's constructor starts it");
        }
        return context;
    }

    /**
     * A context with every function's configuration ({@link AwsConfiguration}) plus {@code extraSources}
     * and extra properties (tests point the clients at emulators this way).
     */
    public static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extraSources) {
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = AwsConfiguration.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return run(properties, sources);
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, Map<String, Object> properties) {
        ApplicationContextInitializer<GenericApplicationContext> functional = FUNCTIONAL.get(configuration);
        return functional != null ? functional(functional, properties) : run(properties, new Class<?>[] {configuration});
    }

    /**
     * A plain context (no Spring Boot, no annotation processing) from functional registrations, then
     * {@code overrides}, which may replace beans (tests give emulator clients so).
     */
    @SafeVarargs
    public static ConfigurableApplicationContext functional(ApplicationContextInitializer<GenericApplicationContext> initializer,
                                                            Map<String, Object> properties,
                                                            ApplicationContextInitializer<GenericApplicationContext>... overrides) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setAllowBeanDefinitionOverriding(true);
        if (!properties.isEmpty()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("properties", properties));
        }
        initializer.initialize(context);
        for (ApplicationContextInitializer<GenericApplicationContext> override : overrides) {
            override.initialize(context);
        }
        context.refresh();
        context.registerShutdownHook();
        return context;
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties, Class<?>[] sources) {
        return new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.main.allow-bean-definition-overriding=true")
                .properties(properties)
                .run();
    }
}
