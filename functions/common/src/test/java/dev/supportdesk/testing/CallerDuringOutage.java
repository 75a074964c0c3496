package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A caller that keeps sending requests (one every {@code pace}) while a test stops and starts the
 * service behind them, and records every answer with how long it took: what a client saw of an outage.
 */
public final class CallerDuringOutage implements AutoCloseable {

    /** One answer: its status, the headers an outage test looks at, and how long it took. */
    public record Answer(int status, String location, String retryAfter, String contentType, Duration took) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread caller;

    /** @param request the {@code n}th request, sent and answered */
    public CallerDuringOutage(IntFunction<HttpResponse> request, Duration pace) {
        caller = Thread.ofPlatform().name("caller-during-outage").start(() -> {
            for (int n = 0; running.get(); n++) {
                long start = System.nanoTime();
                HttpResponse response = request.apply(n);
                answers.add(new Answer(response.status(), response.headers().first("Location").orElse(null),
                        response.headers().first("Retry-After").orElse(null),
                        response.headers().first("Content-Type").orElse(null), Duration.ofNanos(System.nanoTime() - start)));
                sleep(pace.toMillis());
            }
        });
    }

    /** Waits (at most a minute) until {@code atLeast} answers had {@code status}. */
    public void awaitAnswers(int status, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (count(status) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " answers " + status + " within a minute: " + answers);
            }
            sleep(20);
        }
    }

    public int count(int status) {
        return (int) answers.stream().filter(answer -> answer.status() == status).count();
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** The locations of the answers with {@code status} (say the tickets a 201 acknowledged). */
    public Set<String> locations(int status) {
        Set<String> locations = new TreeSet<>();
        answers.stream().filter(answer -> answer.status() == status).forEach(answer -> locations.add(answer.location()));
        return locations;
    }

    /**
     * What a client may see of an outage: each answer a success ({@code okStatus}) or a 503 problem with
     * {@code Retry-After: 5}, never a 500, and each within {@code bound}.
     */
    public void assertOnlySuccessOr503WithRetryAfterWithin(int okStatus, Duration bound) {
        List<Answer> all = answers();
        assertThat(all).as("each answer %d or 503, never a 500", okStatus)
                .allSatisfy(answer -> assertThat(answer.status()).isIn(okStatus, 503));
        assertThat(all).filteredOn(answer -> answer.status() == 503).allSatisfy(answer -> {
            assertThat(answer.retryAfter()).isEqualTo("5");
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        });
        assertThat(all).as("each answer within the clients' bound")
                .allSatisfy(answer -> assertThat(answer.took()).isLessThan(bound));
    }

    /**
     * The store after the outage, as the locations of what it holds: every success {@code okStatus}
     * acknowledged is there; anything more can only be a request that answered 503 (its write landed
     * as the service went down), so there are at most as many extras as 503s.
     */
    public void assertStoredEveryAcknowledged(int okStatus, Set<String> stored) {
        Set<String> acknowledged = locations(okStatus);
        assertThat(stored).as("every acknowledged write survived the outage").containsAll(acknowledged);
        assertThat(stored.size() - acknowledged.size()).as("anything more answered 503")
                .isLessThanOrEqualTo(count(503));
    }

    /** e.g. "22 requests, 10 x 201, 12 x 503, slowest answer 1235 ms" */
    public String summary(int okStatus) {
        long slowest = answers.stream().mapToLong(answer -> answer.took().toMillis()).max().orElse(0);
        return answers.size() + " requests, " + count(okStatus) + " x " + okStatus + ", " + count(503)
                + " x 503, slowest answer " + slowest + " ms";
    }

    /** Stops sending and waits for the request in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        caller.join(Duration.ofMinutes(1).toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
