package dev.supportdesk.aws.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The Lambda functions' SLF4J backend: every log event is one JSON object on one line of standard output
 * ({@link JsonLineLogger}), carrying the MDC's log context. Lambda's {@code LogFormat: JSON} keeps such
 * lines as they are ("Lambda doesn't double-encode logs that are already JSON"), and CloudWatch Logs
 * Insights reads their fields. A few classes instead of a logging framework, so a cold start loads none.
 * The level is Lambda's {@code AWS_LAMBDA_LOG_LEVEL} (the template's {@code ApplicationLogLevel}), INFO
 * by default.
 */
public final class JsonLineLoggerProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private ILoggerFactory factory;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        JsonLineLogger.Level level = JsonLineLogger.Level.parse(System.getenv("AWS_LAMBDA_LOG_LEVEL"));
        factory = name -> loggers.computeIfAbsent(name, n -> new JsonLineLogger(n, level, mdc, System.out::println));
    }
}
