package dev.supportdesk.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };

    @Test
    void aBurstPassesThenTheRateRefillsAndTheWaitIsWhatIsMissing() {
        TokenBuckets buckets = new TokenBuckets(2, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isEmpty();
        }
        assertThat(buckets.take("a")).hasValue(Duration.ofMillis(500));
        millis.addAndGet(499);
        assertThat(buckets.take("a")).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(1L, 2L));
        millis.addAndGet(1);
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("b")).as("keys do not share a bucket").isEmpty();
        millis.addAndGet(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).as("refills up to the burst, not beyond").isEmpty();
        }
        assertThat(buckets.take("a")).isPresent();
    }
}
