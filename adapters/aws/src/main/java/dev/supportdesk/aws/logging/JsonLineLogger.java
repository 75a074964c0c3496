package dev.supportdesk.aws.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * One log event, one JSON line: {@code timestamp}, {@code level}, {@code logger}, {@code message}, the MDC's
 * entries (the log context: {@code requestId}, {@code traceId}, {@code spanId}, {@code tenant},
 * {@code function}) and, for a failure, {@code errorType} and {@code stackTrace}.
 */
public final class JsonLineLogger extends LegacyAbstractLogger {

    /** SLF4J's levels in order; Lambda's FATAL counts as ERROR. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR;

        static Level parse(String text) {
            if (text == null || text.isBlank()) {
                return INFO;
            }
            String upper = text.trim().toUpperCase(Locale.ROOT);
            return "FATAL".equals(upper) ? ERROR : switch (upper) {
                case "TRACE" -> TRACE;
                case "DEBUG" -> DEBUG;
                case "WARN" -> WARN;
                case "ERROR" -> ERROR;
                default -> INFO;
            };
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Level threshold;
    private final transient MDCAdapter mdc;
    private final transient Consumer<String> out;

    public JsonLineLogger(String name, Level threshold, MDCAdapter mdc, Consumer<String> out) {
        this.name = name;
        this.threshold = threshold;
        this.mdc = mdc;
        this.out = out;
    }

    private boolean enabled(Level level) {
        return level.ordinal() >= threshold.ordinal();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String messagePattern,
                                               Object[] arguments, Throwable throwable) {
        out.accept(line(level.name(), messagePattern, arguments, throwable));
    }

    String line(String level, String messagePattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level);
            json.writeStringField("logger", name);
            json.writeStringField("message", message);
            Map<String, String> context = mdc.getCopyOfContextMap();
            if (context != null) {
                for (Map.Entry<String, String> entry : context.entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            if (throwable != null) {
                json.writeStringField("errorType", throwable.getClass().getName());
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                json.writeStringField("stackTrace", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
