package dev.supportdesk.azure;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.ApplicationContext;

/**
 * The Java worker's hook for creating function class instances (registered in
 * {@code META-INF/services}): each function class is built once, from its
 * {@code (ApplicationContext)} constructor, with the instance's shared Spring context.
 */
public final class SpringFunctionInstanceInjector implements FunctionInstanceInjector {

    private final ConcurrentMap<Class<?>, Object> instances = new ConcurrentHashMap<>();

    @Override
    public <T> T getInstance(Class<T> functionClass) {
        return functionClass.cast(instances.computeIfAbsent(functionClass,
                type -> create(type, AzureRuntime.shared())));
    }

    static Object create(Class<?> type, ApplicationContext context) {
        try {
            return type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("function class " + type.getName()
                    + " needs a public constructor taking the ApplicationContext", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create function class " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create function class " + type.getName(), e);
        }
    }
}
