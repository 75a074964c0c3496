package dev.supportdesk.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * Binds a {@code @ConfigurationProperties} record from an {@link Environment} as Spring Boot's
 * {@code Binder} binds the project's records, for the functional contexts of the Lambda functions:
 * a component {@code fooBar} under prefix {@code p} reads {@code p.foo-bar}, which Spring's
 * system-environment property source also finds as {@code P_FOO_BAR}; {@code @DefaultValue} applies
 * when it is absent; nested records bind under their own prefix. Types: {@code String}, {@code int},
 * {@code long}, {@code boolean}, {@link Duration} (Boot's {@code 15m} or ISO-8601), {@code List<String>}
 * (comma-separated), records. Boot's {@code Binder} costs about a tenth of a second of every cold start
 * (its converters, formatters and reflective record instantiation; docs/benchmarks.md), for five records.
 */
final class RecordBinder {

    private RecordBinder() {
    }

    static <T> T bind(Environment environment, String prefix, Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Constructor<T> constructor = canonicalConstructor(type, components);
        Parameter[] parameters = constructor.getParameters();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = prefix + "." + kebabCase(components[i].getName());
            DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
            values[i] = value(environment, name, components[i].getGenericType(), defaultValue);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot bind " + prefix + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + prefix, e);
        }
    }

    private static Object value(Environment environment, String name, Type type, DefaultValue defaultValue) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            return bind(environment, name, raw); // the project's nested records all default (@DefaultValue)
        }
        String text = environment.getProperty(name);
        if (text == null && defaultValue != null) {
            text = String.join(",", defaultValue.value());
        }
        if (text == null) {
            return raw == int.class || raw == long.class ? 0 : raw == boolean.class ? false : null;
        }
        try {
            return convert(text.trim(), raw);
        } catch (RuntimeException e) {
            throw new IllegalStateException("setting " + name + " (" + variable(name) + ") cannot be '" + text + "' ("
                    + raw.getSimpleName() + ")", e);
        }
    }

    private static Object convert(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type == Duration.class) {
            return DurationStyle.detectAndParse(text);
        }
        if (type == List.class) {
            return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
        }
        throw new IllegalArgumentException("no conversion to " + type.getName());
    }

    @SuppressWarnings("unchecked")
    private static <T> Constructor<T> canonicalConstructor(Class<T> type, RecordComponent[] components) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    /** The environment variable of setting {@code name}: {@code supportdesk.foo-bar} is {@code SUPPORTDESK_FOO_BAR}. */
    private static String variable(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String kebabCase(String camelCase) {
        StringBuilder name = new StringBuilder(camelCase.length() + 4);
        for (char c : camelCase.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
