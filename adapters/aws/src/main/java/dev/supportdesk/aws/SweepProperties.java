package dev.supportdesk.aws;

import dev.supportdesk.aws.store.SweepShards;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the workflow's sweep index (GSI4) is sized: {@code supportdesk.sweep-write-rate},
 * {@code SUPPORTDESK_SWEEP_WRITE_RATE} on Lambda (SAM parameter {@code SweepWriteRate}). DynamoDB's alone: the
 * Azure stores do not shard their sweeps.
 *
 * @param sweepWriteRate the system-wide ticket writes a second the sweep shards are sized for
 *                       ({@link SweepShards#forRate}), at least 1; the rate the deployment must absorb at its
 *                       busiest second (docs/scale.md)
 */
@ConfigurationProperties("supportdesk")
public record SweepProperties(@DefaultValue("1000") int sweepWriteRate) {

    public SweepProperties {
        if (sweepWriteRate < 1) {
            throw new IllegalArgumentException("SUPPORTDESK_SWEEP_WRITE_RATE (supportdesk.sweep-write-rate) must be the"
                    + " ticket writes a second the sweeps are sized for, at least 1, not " + sweepWriteRate);
        }
    }

    /** The sweep shards of this rate. */
    public SweepShards sweepShards() {
        return SweepShards.forRate(sweepWriteRate);
    }
}
