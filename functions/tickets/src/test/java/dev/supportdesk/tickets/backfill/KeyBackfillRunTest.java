package dev.supportdesk.tickets.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.domain.InvalidInput;
import dev.supportdesk.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backfill function's input, its steps and its report, over a port that pages through 250 items. */
class KeyBackfillRunTest {

    /** 250 items, every third needing a rewrite until it got one; positions are item numbers. */
    private static final class Items implements KeyBackfill {
        final boolean[] rewritten = new boolean[250];
        final List<Integer> stepSizes = new ArrayList<>();

        @Override
        public Step step(Optional<String> resumeFrom, int maxItems) {
            int from = resumeFrom.map(Integer::parseInt).orElse(0);
            int to = Math.min(250, from + maxItems);
            stepSizes.add(to - from);
            int count = 0;
            for (int i = from; i < to; i++) {
                if (i % 3 == 0 && !rewritten[i]) {
                    rewritten[i] = true;
                    count++;
                }
            }
            return new Step(to - from, count, to < 250 ? Optional.of(Integer.toString(to)) : Optional.empty());
        }
    }

    private static JsonNode run(KeyBackfillRun run, String input) throws Exception {
        return Json.MAPPER.readTree(run.apply(input));
    }

    @Test
    void runsInBoundedStepsAndResumesWhereItStopped() throws Exception {
        Items items = new Items();
        KeyBackfillRun run = new KeyBackfillRun(items);
        JsonNode first = run(run, "{\"maxItems\": 120}");
        assertThat(first.path("visited").asInt()).isEqualTo(120);
        assertThat(first.path("done").asBoolean()).isFalse();
        assertThat(items.stepSizes).containsExactly(100, 20);
        JsonNode rest = run(run, "{\"resumeFrom\": \"" + first.path("resumeFrom").asText() + "\"}");
        assertThat(rest.path("visited").asInt()).isEqualTo(130);
        assertThat(rest.path("done").asBoolean()).isTrue();
        assertThat(rest.has("resumeFrom")).isFalse();
        assertThat(first.path("rewritten").asInt() + rest.path("rewritten").asInt()).isEqualTo(84);
    }

    @Test
    void aSecondRunRewritesNothing() throws Exception {
        KeyBackfillRun run = new KeyBackfillRun(new Items());
        assertThat(run(run, "{}").path("rewritten").asInt()).isEqualTo(84);
        assertThat(run(run, "").path("rewritten").asInt()).isZero();
    }

    @Test
    void badInputIsInvalidInputNotAnError() {
        KeyBackfillRun run = new KeyBackfillRun(new Items());
        for (String input : List.of("[]", "{", "{\"maxItems\": 0}", "{\"maxItems\": 100001}", "{\"maxItems\": 1.5}",
                "{\"maxItems\": \"10\"}", "{\"resumeFrom\": 7}", "{\"resumeFrom\": \"\"}", "{\"resumeFrom\": \"a\\u0000b\"}",
                "{\"other\": 1}")) {
            assertThatThrownBy(() -> run.apply(input)).as(input).isInstanceOf(InvalidInput.class);
        }
    }
}
