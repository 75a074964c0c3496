package dev.supportdesk.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * For runtimes that verify bearer tokens themselves (local, Azure). On AWS the API Gateway JWT
 * authorizer verifies them, so the Lambda functions do not read these.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must carry
 */
@ConfigurationProperties("supportdesk.token")
public record TokenProperties(
        @DefaultValue("supportdesk-local") String issuer,
        @DefaultValue("supportdesk-api") String audience) {
}
