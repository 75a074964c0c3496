package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.ocr.OcrProperties;
import dev.supportdesk.workflow.WorkflowProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * OCR delivery on AWS: S3 invokes UploadFunction asynchronously, and Lambda retries a failed attempt
 * ("by default Lambda attempts to run it two more times, with a one-minute wait between the first two
 * attempts, and two minutes between the second and third attempts. Function errors include ... timeouts";
 * Lambda developer guide, "How Lambda handles errors and retries with asynchronous invocation") until
 * {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}. OcrService claims an attachment for
 * {@code SUPPORTDESK_OCR_LEASE}; a delivery that finds a live claim answers IN_PROGRESS_ELSEWHERE and is
 * done (no error, so Lambda retries no more); at most {@code SUPPORTDESK_OCR_MAX_ATTEMPTS} claims per
 * content; the workflow re-emits work stuck longer than {@code SUPPORTDESK_WORKFLOW_OCR_TIMEOUT}.
 *
 * <p>With T = Timeout, L = lease, R = MaximumRetryAttempts, A = max attempts, E = MaximumEventAgeInSeconds,
 * W = the workflow's OCR timeout, and d1 = 60 s, d2 = 120 s the documented retry waits:
 * <ol>
 *   <li>L &gt; T: a running invocation never loses its claim, so a duplicate delivery during a run does
 *       not start a second one;</li>
 *   <li>L - T &le; d1 / 2: the retry after a timed-out attempt (at least T + d1 after that attempt started)
 *       finds its claim expired and takes the work, instead of being swallowed as IN_PROGRESS_ELSEWHERE;
 *       half of d1 is left for the time between the invocation's start and its claim;</li>
 *   <li>A &ge; 1 + R: each of Lambda's attempts may still claim the work;</li>
 *   <li>(1 + R) T + d1 + d2 &le; E: even when every attempt runs to its timeout, the last retry is not
 *       dropped for its age;</li>
 *   <li>W &gt; L: the workflow does not re-emit work whose claim is still live.</li>
 * </ol>
 */
class OcrDeliveryBudgetTest {

    private static final Duration FIRST_RETRY_WAIT = Duration.ofMinutes(1);
    private static final Duration SECOND_RETRY_WAIT = Duration.ofMinutes(2);

    private static Map<String, Object> upload;
    private static Map<String, Object> environment;

    @BeforeAll
    static void load() throws IOException {
        Map<String, Object> template = SamTemplate.load();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        upload = map(map(map(template.get("Resources")).get("UploadFunction")).get("Properties"));
        environment = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        environment.putAll(map(map(upload.get("Environment")).get("Variables")));
        if (!upload.containsKey("Timeout")) {
            upload = new LinkedHashMap<>(upload);
            upload.put("Timeout", globals.get("Timeout"));
        }
    }

    @Test
    void leaseTimeoutRetriesAndEventAgeFitTogether() {
        Duration timeout = Duration.ofSeconds(((Number) upload.get("Timeout")).longValue());
        Map<String, Object> async = map(upload.get("EventInvokeConfig"));
        int retries = ((Number) async.getOrDefault("MaximumRetryAttempts", 2)).intValue();
        Duration maxAge = Duration.ofSeconds(((Number) async.getOrDefault("MaximumEventAgeInSeconds", 21600)).longValue());
        Duration lease = duration("SUPPORTDESK_OCR_LEASE", OcrProperties.class, "lease");
        int attempts = Integer.parseInt(setting("SUPPORTDESK_OCR_MAX_ATTEMPTS", OcrProperties.class, "maxAttempts"));
        Duration sweep = duration("SUPPORTDESK_WORKFLOW_OCR_TIMEOUT", WorkflowProperties.class, "ocrTimeout");

        assertThat(lease).as("(1) lease %s > UploadFunction Timeout %s", lease, timeout).isGreaterThan(timeout);
        assertThat(lease.minus(timeout)).as("(2) lease - Timeout <= half the first retry wait (%s)", FIRST_RETRY_WAIT)
                .isLessThanOrEqualTo(FIRST_RETRY_WAIT.dividedBy(2));
        assertThat(attempts).as("(3) OCR max attempts >= 1 + MaximumRetryAttempts").isGreaterThanOrEqualTo(1 + retries);
        Duration allAttempts = timeout.multipliedBy(1 + retries).plus(FIRST_RETRY_WAIT)
                .plus(retries > 1 ? SECOND_RETRY_WAIT : Duration.ZERO);
        assertThat(allAttempts).as("(4) (1 + R) x Timeout + retry waits <= MaximumEventAgeInSeconds %s", maxAge)
                .isLessThanOrEqualTo(maxAge);
        assertThat(sweep).as("(5) workflow OCR timeout > lease").isGreaterThan(lease);
    }

    private static Duration duration(String variable, Class<? extends Record> type, String component) {
        return DurationStyle.detectAndParse(setting(variable, type, component));
    }

    /** The template's value, or the record component's @DefaultValue when the template does not set it. */
    private static String setting(String variable, Class<? extends Record> type, String component) {
        Object value = environment.get(variable);
        if (value != null) {
            return String.valueOf(value);
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(component)) {
                DefaultValue defaults = c.getAnnotation(DefaultValue.class);
                if (defaults == null) {
                    defaults = type.getDeclaredConstructors()[0].getParameters()[indexOf(type, component)].getAnnotation(DefaultValue.class);
                }
                return defaults.value()[0];
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " has no " + component);
    }

    private static int indexOf(Class<? extends Record> type, String component) {
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component)) {
                return i;
            }
        }
        return -1;
    }
}
