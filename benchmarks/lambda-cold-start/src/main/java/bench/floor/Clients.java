package bench.floor;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** What a careful hand-written Lambda function does at init: url-connection client, region and credentials from the environment. */
final class Clients {

    static final Region REGION = Region.of(System.getenv("AWS_REGION"));
    static final AwsCredentialsProvider CREDENTIALS = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
            ? ContainerCredentialsProvider.create() : EnvironmentVariableCredentialsProvider.create();
    static final String TABLE = System.getenv("SUPPORTDESK_AWS_TABLE_NAME");

    private Clients() {
    }

    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Client s3() {
        return S3Client.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Presigner presigner() {
        return S3Presigner.builder().region(REGION).credentialsProvider(CREDENTIALS).build();
    }
}
