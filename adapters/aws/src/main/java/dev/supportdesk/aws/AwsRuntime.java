package dev.supportdesk.aws;

import java.util.Map;
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
        return run(properties, new Class<?>[] {configuration});
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
