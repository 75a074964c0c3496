package dev.supportdesk.aws;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API contract through the Lambda handler on the context the deployed API function starts
 * ({@link AwsFunctions#API}: functional registrations, no Spring Boot), on DynamoDB Local and moto S3.
 */
class LambdaFunctionalHttpApiV2ContractTest extends LambdaApiContract {

    LambdaFunctionalHttpApiV2ContractTest() {
        super(ApiGatewaySimulator.Format.V2);
    }

    @Override
    protected ConfigurableApplicationContext startContext() {
        return Emulators.functionalContext(AwsFunctions.API);
    }
}
