package dev.supportdesk.tickets;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tickets family's settings ({@code supportdesk.*}, {@code SUPPORTDESK_*} on the clouds).
 *
 * @param maxAttachmentBytes largest file an attachment may declare
 * @param uploadUrlValidity how long an upload URL stays usable
 * @param shardedTenants the sharded tiers: tenants whose list indexes the cloud stores spread over shards,
 *                       {@code tenant} or {@code tenant:big} for the big tier, {@code tenant:middle} for the middle
 *                       ({@link ShardTiers}; comma-separated on the clouds, empty for none)
 */
@ConfigurationProperties("supportdesk")
public record TicketProperties(
        @DefaultValue("20971520") long maxAttachmentBytes,
        @DefaultValue("15m") Duration uploadUrlValidity,
        @DefaultValue({}) List<String> shardedTenants) {

    public TicketProperties {
        shardedTenants = shardedTenants == null ? List.of() : List.copyOf(shardedTenants);
    }

    /** The tiers this configuration names. */
    public ShardTiers shardTiers() {
        return ShardTiers.of(shardedTenants);
    }
}
