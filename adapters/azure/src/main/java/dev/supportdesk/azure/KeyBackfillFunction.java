package dev.supportdesk.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.supportdesk.azure.events.HttpMessages;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.http.Problems;
import dev.supportdesk.tickets.backfill.KeyBackfillRun;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * The one-shot key backfill (docs/scale.md#migration), run by an operator with the app's master key:
 * {@code POST /ops/backfill-ticket-keys} with {@code {}}, then with each answer's {@code resumeFrom} until
 * {@code "done": true}. Refused input is a 400 problem.
 *
 * <p>The host orders HTTP routes by function name, not by how specific they are
 * (https://github.com/Azure/azure-functions-host/issues/9876), and {@code httpApi}'s route is a catch-all:
 * this function's name sorts before it, so its literal route is matched first
 * ({@code FunctionBindingsTest} keeps it so).
 */
public final class KeyBackfillFunction {

    public static final String ROUTE = "ops/backfill-ticket-keys";

    private final Function<String, String> backfill;

    public KeyBackfillFunction(ApplicationContext context) {
        this.backfill = context.getBean(FunctionCatalog.class).lookup(KeyBackfillRun.NAME);
    }

    @FunctionName(KeyBackfillRun.NAME)
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", route = ROUTE, dataType = "binary", authLevel = AuthorizationLevel.ADMIN,
                    methods = {HttpMethod.POST}) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        String input = request.getBody().map(body -> new String(body, StandardCharsets.UTF_8)).orElse("");
        try {
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                    .body(backfill.apply(input).getBytes(StandardCharsets.UTF_8)).build();
        } catch (InvalidInput e) {
            return HttpMessages.toResponse(request, Problems.response(e, "/" + ROUTE));
        }
    }
}
