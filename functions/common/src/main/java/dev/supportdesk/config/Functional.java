package dev.supportdesk.config;

import dev.supportdesk.telemetry.Telemetry;
import java.lang.reflect.Type;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Functional bean registration, the start-time-friendly form Spring Cloud Function documents
 * ({@code ApplicationContextInitializer} + {@link FunctionRegistration}): no configuration-class
 * parsing, no reflection on bean method signatures. The families' {@code *Functions} initializers
 * register the same beans as their {@code @Configuration} classes, with the same constructors.
 */
public final class Functional {

    private Functional() {
    }

    /** A {@code @ConfigurationProperties} record bound from the context's environment, as Boot would bind it ({@link RecordBinder}). */
    public static <T> T bind(GenericApplicationContext context, String prefix, Class<T> type) {
        return RecordBinder.bind(context.getEnvironment(), prefix, type);
    }

    /** Registers a properties record as a bean, bound on first use. */
    public static <T> void properties(GenericApplicationContext context, String prefix, Class<T> type) {
        if (!context.containsBeanDefinition(type.getName())) {
            context.registerBean(type.getName(), type, () -> bind(context, prefix, type));
        }
    }

    /** The runtime's {@link Telemetry} bean, or none, as the configuration classes resolve it. */
    public static Telemetry telemetry(GenericApplicationContext context) {
        return context.getBeanProvider(Telemetry.class).getIfAvailable(Telemetry::noop);
    }

    /** Registers {@code function} under {@code name} in the function catalog, with its input and output types. */
    public static <I, O> void function(GenericApplicationContext context, String name, Type input, Type output,
                                       Supplier<? extends Function<I, O>> function) {
        context.registerBean(name, FunctionRegistration.class,
                () -> new FunctionRegistration<>(function.get(), name).type(FunctionTypeUtils.functionType(input, output)));
    }
}
