package dev.supportdesk.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.events.ApiGatewayEvents;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.aws.telemetry.XRayTrace;
import dev.supportdesk.http.Correlation;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.identity.ClaimsMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point for API Gateway (HTTP API payload 2.0 and REST API payload 1.0): event →
 * neutral request → the core's {@code api} function → proxy response. It only translates.
 */
public class HttpApiHandler implements RequestStreamHandler {

    private final Function<HttpRequest, HttpResponse> api;
    private final ApiGatewayEvents events;

    /** The API function: ticket and workflow-run routes. */
    public HttpApiHandler() {
        this(AwsRuntime.shared(AwsApiConfiguration.class));
        SnapStartPriming.register(this, null);
    }

    public HttpApiHandler(ApplicationContext context) {
        this.api = context.getBean(FunctionCatalog.class).lookup(FunctionNames.API);
        this.events = new ApiGatewayEvents(context.getBean(ClaimsMapper.class));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(input);
        } catch (IOException e) {
            event = null;
        }
        ApiGatewayEvents.Format format = event == null ? ApiGatewayEvents.Format.V2 : ApiGatewayEvents.formatOf(event);
        HttpResponse response;
        try {
            if (event == null || !event.isObject()) {
                throw new IllegalArgumentException("the event is not a JSON object");
            }
            ApiGatewayEvents.Mapped mapped = events.toRequest(event);
            // the gateway's request id and the trace (the caller's traceparent, else X-Ray's) in the log
            // context; X-Request-Id and traceparent on the response
            response = Correlation.serve(function(), ApiGatewayEvents.requestId(event), XRayTrace.current(),
                    mapped.request(), api);
        } catch (IllegalArgumentException e) {
            response = Problems.response(ProblemType.INVALID_REQUEST, "malformed API Gateway event: " + e.getMessage(), null);
        }
        output.write(Json.bytes(ApiGatewayEvents.toResponse(format, response)));
    }

    /** The function's name in the log context. */
    protected String function() {
        return FunctionNames.API;
    }
}
