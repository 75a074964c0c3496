package dev.supportdesk.azure;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring context per Functions worker instance, created on the first invocation and shared by
 * every function class in it.
 */
public final class AzureRuntime {

    private static volatile ConfigurableApplicationContext shared;

    private AzureRuntime() {
    }

    public static ConfigurableApplicationContext shared() {
        ConfigurableApplicationContext context = shared;
        if (context == null) {
            synchronized (AzureRuntime.class) {
                context = shared;
                if (context == null) {
                    context = start(Map.of());
                    shared = context;
                }
            }
        }
        return context;
    }

    /**
     * A new context from {@link AzureConfiguration} plus {@code extraSources} and extra properties
     * (tests point the clients at Azurite this way).
     */
    public static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extraSources) {
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = AzureConfiguration.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        // The Java worker loads the app in its own class loader; Spring reads spring.factories and
        // auto-configuration imports through the context class loader, so point it at the app's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AzureRuntime.class.getClassLoader());
        try {
            return new SpringApplicationBuilder(sources)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties("spring.main.allow-bean-definition-overriding=true")
                    .properties(properties)
                    .run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
