package dev.supportdesk.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.supportdesk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import org.springframework.cloud.function.json.JsonMapper;

/**
 * Spring Cloud Function's {@link JsonMapper} on the project's Jackson 2 mapper ({@link Json#MAPPER}), so
 * that the Lambda path loads one JSON stack (SCF's own {@code JacksonMapper} is Jackson 3).
 */
final class Jackson2JsonMapper extends JsonMapper {

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T doFromJson(Object json, Type type) {
        JavaType javaType = Json.MAPPER.getTypeFactory().constructType(type);
        try {
            if (json instanceof byte[] bytes) {
                return (T) Json.MAPPER.readValue(bytes, javaType);
            }
            if (json instanceof String text) {
                return (T) Json.MAPPER.readValue(text, javaType);
            }
            return (T) Json.MAPPER.convertValue(json, javaType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString(Object value) {
        try {
            return value instanceof String text ? text : Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
