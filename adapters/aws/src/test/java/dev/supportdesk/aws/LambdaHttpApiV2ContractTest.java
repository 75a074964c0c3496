package dev.supportdesk.aws;

import org.springframework.context.ConfigurableApplicationContext;

/** The API contract through the Lambda handler, fed HTTP API (payload 2.0) events, on DynamoDB Local and moto S3. */
class LambdaHttpApiV2ContractTest extends LambdaApiContract {

    LambdaHttpApiV2ContractTest() {
        super(ApiGatewaySimulator.Format.V2);
    }

    @Override
    protected ConfigurableApplicationContext startContext() {
        return Emulators.awsContext();
    }
}
