package dev.supportdesk.aws.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        ProcessBuilder builder = new ProcessBuilder("asl-validator", "--json-path", definition.toString())
                .directory(SamTemplate.repositoryRoot().toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            fail("cannot run asl-validator (%s); install it with: npm install -g asl-validator@4.0.0", e.getMessage());
            return;
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("asl-validator finished").isTrue();
        assertThat(process.exitValue()).as("asl-validator on %s:%n%s", definition, output).isZero();
        assertThat(output).contains("is valid");
    }
}
