package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.ExternalTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed state machine (generated from the core's WorkflowDefinition; AslGeneratorTest keeps
 * it equal to the generator's output) passes {@code asl-validator} from npm
 * ({@code npm install -g asl-validator@4.0.0}); without the tool this test fails rather than skips.
 */
class AslValidatorTest {

    @Test
    void theWorkflowDefinitionIsValidAmazonStatesLanguage() throws Exception {
        Path definition = Path.of("sam", "statemachine", "workflow.asl.json");
        ExternalTool.Result result = ExternalTool.run(List.of("asl-validator", "--json-path", definition.toString()),
                SamTemplate.repositoryRoot(), Duration.ofSeconds(120), "npm install -g asl-validator@4.0.0");
        String output = result.output();
        assertThat(result.exitCode()).as("asl-validator on %s:%n%s", definition, output).isZero();
        assertThat(output).contains("is valid");
    }
}
