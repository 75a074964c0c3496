package dev.supportdesk.aws;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;

/**
 * The API and workflow functions' {@link FunctionCatalog}: the context's {@link FunctionRegistration} beans,
 * looked up by name and returned as registered. Their handlers pass the functions' own types
 * ({@code HttpRequest} → {@code HttpResponse}; a step's JSON text), so they need none of what Spring Cloud
 * Function's registry wraps a function in
 * (message and JSON conversion, reactive adaptation, composition); building that registry builds a
 * Jackson 3 mapper ({@code JsonMapper}'s static initialiser) and loads Reactor, about a quarter of a
 * second and 800 classes of every cold start (docs/benchmarks.md). The upload, predict and backfill
 * functions keep Spring Cloud Function's registry ({@link ConvertingFunctions}).
 */
final class RegisteredFunctions implements FunctionCatalog {

    private final ListableBeanFactory beans;

    RegisteredFunctions(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** The function registered under {@code name} if it is a {@code type} (any type when null); else null, as SCF answers. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T lookup(Class<?> type, String name, String... acceptedOutputTypes) {
        if (name == null || !beans.containsBean(name) || !beans.isTypeMatch(name, FunctionRegistration.class)) {
            return null;
        }
        Object function = beans.getBean(name, FunctionRegistration.class).getTarget();
        return type == null || type.isInstance(function) ? (T) function : null;
    }

    @Override
    public Set<String> getNames(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (String name : beans.getBeanNamesForType(FunctionRegistration.class)) {
            if (lookup(type, name) != null) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public int size() {
        return beans.getBeanNamesForType(FunctionRegistration.class).length;
    }
}
