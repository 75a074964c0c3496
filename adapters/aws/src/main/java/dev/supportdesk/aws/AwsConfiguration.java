package dev.supportdesk.aws;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every AWS function's configuration in one context: what the tests start to drive all handlers
 * against one set of emulators. Deployed functions each start only their own configuration.
 */
@Configuration(proxyBeanMethods = false)
@Import({AwsApiConfiguration.class, AwsPredictConfiguration.class, AwsOcrConfiguration.class,
        AwsWorkflowConfiguration.class, AwsBackfillConfiguration.class})
public class AwsConfiguration {
}
