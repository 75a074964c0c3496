package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.supportdesk.tickets.backfill.KeyBackfillRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point of the one-shot key backfill, invoked by hand ({@code aws lambda invoke} with
 * {@code {}}, then with the {@code resumeFrom} each answer returns, until {@code "done": true}). Input it
 * refuses fails the invocation with the reason.
 */
public final class BackfillHandler implements RequestStreamHandler {

    private final Function<String, String> backfill;

    public BackfillHandler() {
        this(AwsRuntime.shared(AwsBackfillConfiguration.class));
    }

    public BackfillHandler(ApplicationContext context) {
        this.backfill = context.getBean(FunctionCatalog.class).lookup(KeyBackfillRun.NAME);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String request = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(backfill.apply(request).getBytes(StandardCharsets.UTF_8));
    }
}
