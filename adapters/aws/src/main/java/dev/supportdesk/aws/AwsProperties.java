package dev.supportdesk.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the AWS runtime, read from the Lambda environment ({@code SUPPORTDESK_AWS_TABLE_NAME},
 * {@code SUPPORTDESK_AWS_BUCKET_NAME}, {@code SUPPORTDESK_AWS_STATE_MACHINE_ARN}, {@code SUPPORTDESK_AWS_OCR_FUNCTION_ARN}).
 *
 * @param tableName the DynamoDB table that holds tickets, responses and attachments
 * @param bucketName the S3 bucket that receives uploads
 * @param stateMachineArn the workflow's Step Functions state machine, started by {@code POST /workflow/runs}
 * @param ocrFunctionArn the OCR function, to which the workflow re-emits stuck OCR work
 */
@ConfigurationProperties("supportdesk.aws")
public record AwsProperties(String tableName, String bucketName, String stateMachineArn, String ocrFunctionArn) {

    static String required(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set");
        }
        return value;
    }
}
