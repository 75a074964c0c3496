package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.contract.ApiContract;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API contract through the Lambda handler, fed REST API (payload 1.0) proxy events, on DynamoDB
 * Local and moto S3. A REST API passes decoded query values only, so the handler rebuilds the raw
 * query from them; a query with a malformed escape is answered by the gateway itself (observed: a
 * 400 for a stray {@code %}), so here the contract holds the gateway, not the function, to the 400.
 */
class LambdaRestApiV1ContractTest extends ApiContract {

    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator gateway;

    @BeforeAll
    static void start() {
        context = Emulators.awsContext();
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V1);
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
    protected void assertMalformedQueryRejected(ApiClient.Reply reply, String parameter, String escape) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo("Bad Request");
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return ApiGatewaySimulator.idToken(subject, tenant, roles);
    }
}
