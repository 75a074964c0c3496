package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.ApiClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API contract through the Lambda handler, fed REST API (payload 1.0) proxy events, on DynamoDB
 * Local and moto S3. A REST API passes decoded query values only, so the handler rebuilds the raw
 * query from them; a query with a malformed escape is answered by the gateway itself (observed: a
 * 400 for a stray {@code %}), so here the contract holds the gateway, not the function, to the 400.
 */
class LambdaRestApiV1ContractTest extends LambdaApiContract {

    LambdaRestApiV1ContractTest() {
        super(ApiGatewaySimulator.Format.V1);
    }

    @Override
    protected ConfigurableApplicationContext startContext() {
        return Emulators.awsContext();
    }

    @Override
    protected void assertMalformedQueryRejected(ApiClient.Reply reply, String parameter, String escape) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo("Bad Request");
    }
}
