package dev.supportdesk.aws.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepShardsTest {

    /** The buckets an escalation find-due step reads: open and in-progress tickets below urgent. */
    private static final List<String> ESCALATION = List.of("T#OPEN#LOW", "T#OPEN#NORMAL", "T#OPEN#HIGH",
            "T#IN_PROGRESS#LOW", "T#IN_PROGRESS#NORMAL", "T#IN_PROGRESS#HIGH");

    @Test
    void theDesignRateIsTheCountsByWrites() {
        assertThat(SweepShards.forRate(SweepShards.DESIGN_WRITE_RATE)).isEqualTo(SweepShards.BY_WRITES);
        assertThat(queries(SweepShards.forRate(100_000), ESCALATION)).isEqualTo(362);
    }

    @Test
    void aThousandWritesASecondPutsEveryBucketOnOneOrTwoShards() {
        SweepShards thousand = SweepShards.forRate(1_000);
        assertThat(thousand.buckets()).isEqualTo(SweepShards.BY_WRITES.buckets());
        assertThat(thousand.buckets()).allSatisfy(bucket -> assertThat(thousand.of(bucket)).as(bucket).isBetween(1, 2));
        assertThat(thousand.of("T#OPEN#NORMAL")).as("160 x 1 %, rounded up").isEqualTo(2);
        assertThat(thousand.of("T#OPEN#URGENT")).as("16 x 1 %, rounded up").isEqualTo(1);
        assertThat(thousand.of("an unknown bucket")).as("256 x 1 %, rounded up").isEqualTo(3);
        assertThat(queries(thousand, ESCALATION)).as("an escalation step's queries, 362 at the design rate").isEqualTo(7);
    }

    @Test
    void countsScaleUpAboveTheDesignRateToTheThousandShardMaximum() {
        SweepShards twice = SweepShards.forRate(200_000);
        assertThat(twice.of("T#OPEN#NORMAL")).isEqualTo(320);
        assertThat(twice.of("T#RESOLVED#URGENT")).isEqualTo(2);
        SweepShards most = SweepShards.forRate(Integer.MAX_VALUE);
        assertThat(most.buckets()).allSatisfy(bucket -> assertThat(most.of(bucket)).isEqualTo(SweepShards.MAX_SHARDS));
        assertThat(SweepShards.forRate(1).buckets()).allSatisfy(bucket -> assertThat(SweepShards.forRate(1).of(bucket)).isOne());
    }

    @Test
    void noBucketLosesShardsAsTheRateRises() {
        Set<String> buckets = SweepShards.BY_WRITES.buckets();
        SweepShards previous = SweepShards.forRate(1);
        for (int rate : List.of(10, 500, 1_000, 2_500, 10_000, 33_333, 99_999, 100_000, 100_001, 150_000, 1_000_000)) {
            SweepShards next = SweepShards.forRate(rate);
            for (String bucket : buckets) {
                assertThat(next.of(bucket)).as("%s at %d writes/s", bucket, rate).isGreaterThanOrEqualTo(previous.of(bucket));
            }
            previous = next;
        }
    }

    @Test
    void oneShardKeepsItsSuffixSoRaisingTheRateNeedsNoMigration() {
        SweepShards one = SweepShards.forRate(1);
        assertThat(one.partition("T#RESOLVED#URGENT", 0)).isEqualTo("SWEEP#T#RESOLVED#URGENT#000");
        assertThat(SweepShards.BY_WRITES.partition("T#RESOLVED#URGENT", 0)).isEqualTo(one.partition("T#RESOLVED#URGENT", 0));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatThrownBy(() -> SweepShards.forRate(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> SweepShards.forRate(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int queries(SweepShards shards, List<String> buckets) {
        return buckets.stream().mapToInt(shards::of).sum();
    }
}
