package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTiersTest {

    @Test
    void onlyNamedTenantsFanOut() {
        ShardTiers tiers = ShardTiers.of(List.of("big", " huge "));
        assertThat(tiers.shardsOf("big", 32)).isEqualTo(32);
        assertThat(tiers.shardsOf("huge", 32)).isEqualTo(32);
        assertThat(tiers.shardsOf("small", 32)).isEqualTo(1);
        assertThat(tiers.shardsOf("bi", 32)).isEqualTo(1);
    }

    @Test
    void anEntryNamesItsTierAfterAColonTheBigTierByDefault() {
        ShardTiers tiers = ShardTiers.of(List.of("acme", "globex:middle", " initech : big "));
        assertThat(tiers.tierOf("acme")).isEqualTo(ShardTiers.Tier.BIG);
        assertThat(tiers.tierOf("globex")).isEqualTo(ShardTiers.Tier.MIDDLE);
        assertThat(tiers.tierOf("initech")).isEqualTo(ShardTiers.Tier.BIG);
        assertThat(tiers.tierOf("other")).isEqualTo(ShardTiers.Tier.ORDINARY);
        assertThat(tiers.isSharded("globex")).isTrue();
        assertThat(tiers.shardsOf("globex", 64)).isEqualTo(64);
    }

    @Test
    void anUnknownTierOrATenantNamedTwiceStopsTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> ShardTiers.of(List.of("acme:huge"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SUPPORTDESK_SHARDED_TENANTS").hasMessageContaining("acme:huge");
        assertThatThrownBy(() -> ShardTiers.of(List.of("acme", "acme:middle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void blankConfigurationShardsNoTenant() {
        assertThat(ShardTiers.of(List.of("", "  "))).isSameAs(ShardTiers.noTenant());
        assertThat(ShardTiers.of(List.of()).shardsOf("any", 64)).isEqualTo(1);
        assertThat(ShardTiers.everyTenant().shardsOf("any", 64)).isEqualTo(64);
        assertThat(ShardTiers.of(List.of("", "  ")).isEmpty()).isTrue();
        assertThat(ShardTiers.of(List.of("big")).isEmpty()).isFalse();
        assertThat(ShardTiers.everyTenant().isEmpty()).isFalse();
    }
}
