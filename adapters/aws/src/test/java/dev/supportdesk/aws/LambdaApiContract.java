package dev.supportdesk.aws;

import dev.supportdesk.contract.ApiContract;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API contract through the Lambda handler, on DynamoDB Local and moto S3: a subclass says which
 * application context the handler runs on and which API Gateway payload format feeds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LambdaApiContract extends ApiContract {

    private final ApiGatewaySimulator.Format format;
    private ConfigurableApplicationContext context;
    private ApiGatewaySimulator gateway;

    LambdaApiContract(ApiGatewaySimulator.Format format) {
        this.format = format;
    }

    protected abstract ConfigurableApplicationContext startContext();

    @BeforeAll
    void start() {
        context = startContext();
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), format);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Override
    protected HttpResponse send(HttpRequest request) {
        return gateway.send(request);
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return ApiGatewaySimulator.idToken(subject, tenant, roles);
    }
}
