package dev.supportdesk.aws;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring context per Lambda instance, created on the first invocation (or during the SnapStart
 * snapshot) and shared by every handler in the instance.
 */
public final class AwsRuntime {

    private static volatile ConfigurableApplicationContext shared;

    private AwsRuntime() {
    }

    public static ConfigurableApplicationContext shared() {
        ConfigurableApplicationContext context = shared;
        if (context == null) {
            synchronized (AwsRuntime.class) {
                context = shared;
                if (context == null) {
                    context = start();
                    shared = context;
                }
            }
        }
        return context;
    }

    /** A new context from {@link AwsConfiguration} and the Lambda environment. */
    public static ConfigurableApplicationContext start() {
        return start(java.util.Map.of());
    }

    /**
     * A new context from {@link AwsConfiguration} plus {@code extraSources} and extra properties
     * (tests point the clients at emulators this way).
     */
    public static ConfigurableApplicationContext start(java.util.Map<String, Object> properties, Class<?>... extraSources) {
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = AwsConfiguration.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.main.allow-bean-definition-overriding=true")
                .properties(properties)
                .run();
    }
}
