package dev.supportdesk.aws;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.contract.ApiContract;
import dev.supportdesk.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API contract through the Lambda handler on the context the deployed API function starts
 * ({@link AwsFunctions#API}: functional registrations, no Spring Boot), on DynamoDB Local and moto S3.
 */
class LambdaFunctionalHttpApiV2ContractTest extends ApiContract {

    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator gateway;

    @BeforeAll
    static void start() {
        context = Emulators.functionalContext(AwsFunctions.API);
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
    }

    @AfterAll
    static void stop() {
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
