package dev.supportdesk.aws;

import dev.supportdesk.predict.PredictConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The predict function ({@link PredictHandler}): model routes over packages in S3, ONNX Runtime in its zip. */
@Configuration(proxyBeanMethods = false)
@Import({AwsBlobsConfiguration.class, PredictConfiguration.class})
public class AwsPredictConfiguration {
}
