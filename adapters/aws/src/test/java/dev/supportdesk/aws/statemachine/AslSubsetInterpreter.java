package dev.supportdesk.aws.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.json.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * A small interpreter of the subset of Amazon States Language that {@code AslGenerator} emits —
 * NOT Step Functions: Task ({@code arn:aws:states:::lambda:invoke} with Parameters, ResultSelector,
 * ResultPath, OutputPath, Retry, Catch), Pass, Map (inline, items one after another), Choice
 * ({@code BooleanEquals}) and Fail, with JSONPath limited to {@code $} and {@code $.a.b}. It lets a
 * test drive the committed definition's data flow through the real step Lambda handler, which
 * Step Functions itself cannot do here. Retries do not wait.
 */
public final class AslSubsetInterpreter {

    /** The Lambda function behind {@code FunctionName}: payload in, result out; exceptions are task errors. */
    private final Function<JsonNode, JsonNode> lambda;
    /** Invocations per step name. */
    public final Map<String, Integer> invocations = new HashMap<>();

    public AslSubsetInterpreter(Function<JsonNode, JsonNode> lambda) {
        this.lambda = lambda;
    }

    /** An execution that ended in a Fail state. */
    public static final class ExecutionFailed extends RuntimeException {
        public final String error;

        ExecutionFailed(String error, String cause) {
            super(error + ": " + cause);
            this.error = error;
        }
    }

    private static final class TaskError extends RuntimeException {
        final String error;
        final String cause;

        TaskError(String error, String cause) {
            super(error + ": " + cause);
            this.error = error;
            this.cause = cause;
        }
    }

    public JsonNode execute(JsonNode definition, JsonNode input) {
        return run(definition.path("States"), definition.path("StartAt").asText(), input);
    }

    private JsonNode run(JsonNode states, String startAt, JsonNode input) {
        String name = startAt;
        JsonNode data = input;
        while (true) {
            JsonNode state = states.path(name);
            if (state.isMissingNode()) {
                throw new IllegalStateException("no state " + name);
            }
            String next = state.path("Next").asText(null);
            boolean caught = false;
            switch (state.path("Type").asText()) {
                case "Pass" -> {
                    JsonNode effective = state.has("Parameters") ? resolve(state.get("Parameters"), data) : data;
                    data = applyResultPath(data, state.get("ResultPath"), effective);
                }
                case "Task", "Map" -> {
                    try {
                        JsonNode result = state.path("Type").asText().equals("Task") ? task(state, data) : map(state, data);
                        JsonNode selected = state.has("ResultSelector") ? resolve(state.get("ResultSelector"), result) : result;
                        data = applyResultPath(data, state.get("ResultPath"), selected);
                        if (state.has("OutputPath")) {
                            data = path(data, state.get("OutputPath").asText());
                        }
                    } catch (TaskError e) {
                        JsonNode catcher = matching(state.path("Catch"), e.error);
                        if (catcher == null) {
                            throw e;
                        }
                        data = applyResultPath(data, catcher.get("ResultPath"),
                                Json.object().put("Error", e.error).put("Cause", e.cause));
                        next = catcher.path("Next").asText();
                        caught = true;
                    }
                }
                case "Choice" -> {
                    next = state.path("Default").asText(null);
                    for (JsonNode choice : state.path("Choices")) {
                        JsonNode value = path(data, choice.path("Variable").asText());
                        if (value.isBoolean() && value.asBoolean() == choice.path("BooleanEquals").asBoolean()) {
                            next = choice.path("Next").asText();
                            break;
                        }
                    }
                }
                case "Fail" -> throw new ExecutionFailed(state.path("Error").asText(), state.path("Cause").asText());
                default -> throw new IllegalStateException("state type not in the subset: " + state.path("Type"));
            }
            if (!caught && state.path("End").asBoolean(false)) {
                return data;
            }
            if (next == null) {
                throw new IllegalStateException("state " + name + " has neither Next nor End");
            }
            name = next;
        }
    }

    private JsonNode task(JsonNode state, JsonNode data) {
        if (!state.path("Resource").asText().equals("arn:aws:states:::lambda:invoke")) {
            throw new IllegalStateException("resource not in the subset: " + state.path("Resource"));
        }
        JsonNode parameters = resolve(state.get("Parameters"), data);
        JsonNode payload = parameters.path("Payload");
        Map<JsonNode, Integer> retries = new HashMap<>();
        while (true) {
            invocations.merge(payload.path("step").asText(), 1, Integer::sum);
            try {
                return Json.object().put("StatusCode", 200).set("Payload", lambda.apply(payload));
            } catch (RuntimeException e) {
                TaskError error = new TaskError(e.getClass().getName(), String.valueOf(e.getMessage()));
                JsonNode retrier = matching(state.path("Retry"), error.error);
                if (retrier == null) {
                    throw error;
                }
                int done = retries.merge(retrier, 1, Integer::sum);
                if (done > retrier.path("MaxAttempts").asInt(3)) {
                    throw error;
                }
            }
        }
    }

    private JsonNode map(JsonNode state, JsonNode data) {
        JsonNode processor = state.path("ItemProcessor");
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (JsonNode item : path(data, state.path("ItemsPath").asText("$"))) {
            try {
                results.add(run(processor.path("States"), processor.path("StartAt").asText(), item));
            } catch (TaskError e) {
                throw e;
            } catch (ExecutionFailed e) {
                throw new TaskError(e.error, e.getMessage());
            }
        }
        return results;
    }

    private static JsonNode matching(JsonNode handlers, String error) {
        for (JsonNode handler : handlers) {
            for (JsonNode name : handler.path("ErrorEquals")) {
                if (name.asText().equals(error) || name.asText().equals("States.ALL")) {
                    return handler;
                }
            }
        }
        return null;
    }

    /** Parameters / ResultSelector templates: keys ending in ".$" take the value at a path. */
    static JsonNode resolve(JsonNode template, JsonNode data) {
        if (!template.isObject()) {
            return template;
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith(".$")) {
                out.set(field.getKey().substring(0, field.getKey().length() - 2), path(data, field.getValue().asText()));
            } else {
                out.set(field.getKey(), resolve(field.getValue(), data));
            }
        }
        return out;
    }

    static JsonNode path(JsonNode data, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalStateException("not a path: " + path);
        }
        JsonNode node = data;
        for (String part : path.substring(1).split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            node = node.path(part);
            if (node.isMissingNode()) {
                throw new TaskError("States.Runtime", "path " + path + " matches nothing");
            }
        }
        return node;
    }

    static JsonNode applyResultPath(JsonNode data, JsonNode resultPath, JsonNode result) {
        if (resultPath == null) {
            return result;
        }
        if (resultPath instanceof NullNode) {
            return data;
        }
        String path = resultPath.asText();
        if (path.equals("$")) {
            return result;
        }
        ObjectNode copy = data.deepCopy();
        String[] parts = path.substring(2).split("\\.");
        ObjectNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.withObject("/" + parts[i]);
        }
        node.set(parts[parts.length - 1], result);
        return copy;
    }
}
