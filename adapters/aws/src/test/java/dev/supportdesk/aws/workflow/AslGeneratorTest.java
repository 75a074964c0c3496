package dev.supportdesk.aws.workflow;

import dev.supportdesk.testing.ProjectPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import dev.supportdesk.workflow.InvalidStepInputException;
import dev.supportdesk.workflow.WorkflowDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed state machine is exactly what the definition generates. After changing
 * {@link WorkflowDefinition}, regenerate with
 * {@code ./mvnw -pl adapters/aws -am test -Dtest=AslGeneratorTest -Dsurefire.failIfNoSpecifiedTests=false -Dasl.regenerate=true}.
 */
class AslGeneratorTest {

    static final Path COMMITTED = ProjectPaths.root().resolve("sam/statemachine/workflow.asl.json");

    @Test
    void theCommittedDefinitionIsTheGeneratedOneByteForByte() throws Exception {
        String generated = AslGenerator.generate(WorkflowDefinition.STANDARD);
        if (Boolean.getBoolean("asl.regenerate")) {
            AslGenerator.main(new String[] {COMMITTED.toString()});
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED + " exists").isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("sam/statemachine/workflow.asl.json is stale: regenerate it (see AslGenerator)")
                .isEqualTo(generated);
    }

    @Test
    void everyStepIsATaskOnTheStepFunctionWithRetryAndCatch() throws Exception {
        JsonNode asl = Json.MAPPER.readTree(AslGenerator.generate(WorkflowDefinition.STANDARD));
        List<JsonNode> tasks = new ArrayList<>();
        collectTasks(asl.path("States"), tasks);
        List<String> steps = tasks.stream().map(t -> t.path("Parameters").path("Payload").path("step").asText()).toList();
        assertThat(steps).containsAll(WorkflowDefinition.STANDARD.steps());
        for (JsonNode task : tasks) {
            assertThat(task.path("Parameters").path("FunctionName").asText()).isEqualTo("${WorkflowStepFunctionArn}");
            JsonNode retry = task.path("Retry");
            assertThat(retry.get(0).path("ErrorEquals").get(0).asText()).isEqualTo(InvalidStepInputException.class.getName());
            assertThat(retry.get(0).path("MaxAttempts").asInt()).isZero();
            assertThat(retry.get(1).path("BackoffRate").asDouble()).isEqualTo(2.0);
        }
        for (String rule : List.of("Escalate", "AutoClose", "RetryOcr")) {
            JsonNode map = asl.path("States").path("Batches" + rule);
            assertThat(map.path("Type").asText()).isEqualTo("Map");
            assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(WorkflowDefinition.STANDARD.maxConcurrency());
            assertThat(map.path("ItemProcessor").path("States").path("Apply" + rule).path("Catch").get(0).path("Next").asText())
                    .isEqualTo("Report" + rule + "Failure");
            assertThat(asl.path("States").path("Find" + rule).path("Catch").get(0).path("Next").asText()).isEqualTo("RecordFailure");
        }
    }

    private static void collectTasks(JsonNode states, List<JsonNode> tasks) {
        states.forEach(state -> {
            if (state.path("Type").asText().equals("Task")) {
                tasks.add(state);
            }
            if (state.has("ItemProcessor")) {
                collectTasks(state.path("ItemProcessor").path("States"), tasks);
            }
        });
    }
}
