package dev.supportdesk.aws;

import java.util.List;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.context.catalog.BeanFactoryAwareFunctionRegistry;
import org.springframework.cloud.function.context.config.SmartCompositeMessageConverter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.converter.StringMessageConverter;

/**
 * Spring Cloud Function's own catalog over the context's function beans, as
 * {@code ContextFunctionCatalogAutoConfiguration} builds it, converting JSON input and output with the
 * project's Jackson 2 mapper ({@link Jackson2JsonMapper}), for the functions that register no catalog of their
 * own. In a class of its own so that the API and workflow functions, which use {@link RegisteredFunctions},
 * do not load Spring Messaging, Reactor and Jackson 3.
 */
final class ConvertingFunctions {

    private ConvertingFunctions() {
    }

    static FunctionCatalog catalog() {
        return new BeanFactoryAwareFunctionRegistry(new DefaultConversionService(),
                new SmartCompositeMessageConverter(List.of(new StringMessageConverter())),
                new Jackson2JsonMapper(), new FunctionProperties(), null);
    }
}
