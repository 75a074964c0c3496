package dev.supportdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The environment-variable names under which Spring binds a {@code @ConfigurationProperties} record,
 * for the tests that hold the deployment templates (SAM, Bicep) to what the code reads.
 */
public final class EnvironmentVariableNames {

    private EnvironmentVariableNames() {
    }

    /** The names of every leaf setting of {@code type}, nested records included. */
    public static Set<String> of(Class<? extends Record> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        assertThat(annotation).as("@ConfigurationProperties on %s", type.getName()).isNotNull();
        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        Set<String> names = new TreeSet<>();
        collect(type, prefix, names);
        return names;
    }

    /** The names of every leaf setting of all {@code types}. */
    @SafeVarargs
    public static Set<String> ofAll(Class<? extends Record>... types) {
        Set<String> names = new TreeSet<>();
        for (Class<? extends Record> type : types) {
            names.addAll(of(type));
        }
        return names;
    }

    private static void collect(Class<?> type, String prefix, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String property = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                collect(component.getType(), property, names);
            } else {
                names.add(property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
            }
        }
    }

    /** {@code tenantClaim} → {@code tenant-claim}. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
