package dev.supportdesk.aws;

import org.springframework.context.ApplicationContext;

/**
 * Lambda entry point of the predict function: the same API Gateway translation as {@link HttpApiHandler}
 * over the predict family's routes. A function of its own so that the API function's zip carries no
 * model runtime (ONNX Runtime alone is about 75 MB) and its cold start no model load.
 */
public final class PredictHandler extends HttpApiHandler {

    public PredictHandler() {
        super(AwsRuntime.shared(AwsPredictConfiguration.class));
    }

    public PredictHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected String function() {
        return "predict";
    }
}
