package dev.supportdesk.azure;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The log events the functions emit through SLF4J (Logback, Spring Boot's logging system and what the Application
 * Insights agent reads on Azure), each with the MDC as it was when the line was logged: what the agent turns into
 * the line's custom dimensions.
 */
final class CapturedLogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    record Line(String logger, String message, Map<String, String> context) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    static CapturedLogLines attach() {
        CapturedLogLines appender = new CapturedLogLines();
        appender.setContext(root().getLoggerContext());
        appender.start();
        root().addAppender(appender);
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
    }

    /** The lines a logger of {@code type} wrote. */
    List<Line> of(Class<?> type) {
        return lines.stream().filter(line -> line.logger().equals(type.getName())).toList();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
