package dev.supportdesk.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * One cold start of the Azure adapter as the Java worker makes it, for the cold-start benchmark
 * ({@code benchmarks/lambda-cold-start/run.sh}, which launches a fresh JVM per start and times launch →
 * this line): the worker's {@link FunctionInstanceInjector} found through {@link ServiceLoader},
 * {@link HttpApiFunction} built by it (the shared Spring context), then {@code GET /health} through the
 * function. The Functions host itself cannot run here; settings come from the environment as on the host.
 */
public final class AzureColdStart {

    private AzureColdStart() {
    }

    public static void main(String[] args) {
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class).findFirst().orElseThrow();
        HttpApiFunction function;
        try {
            function = injector.getInstance(HttpApiFunction.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HttpResponseMessage response = function.run(new FakeFunctionsHostRequest(FakeFunctionsHostRequest.HOST + "/health",
                HttpMethod.GET, Map.of("accept", "application/json"), new byte[0]), "cold-start");
        System.out.println("FIRST_RESPONSE " + response.getStatusCode());
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }
}
