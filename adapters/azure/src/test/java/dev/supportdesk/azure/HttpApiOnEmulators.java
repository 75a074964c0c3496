package dev.supportdesk.azure;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Azure context on Azurite and the httpApi function over it, started once per test class:
 * {@code @RegisterExtension static final HttpApiOnEmulators httpApi = new HttpApiOnEmulators();}.
 */
final class HttpApiOnEmulators implements BeforeAllCallback, AfterAllCallback {

    private ConfigurableApplicationContext context;
    private HttpApiFunction function;

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = Emulators.azureContext();
        function = new HttpApiFunction(context);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    HttpApiFunction function() {
        return function;
    }
}
