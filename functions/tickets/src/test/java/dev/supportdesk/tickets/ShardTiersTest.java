package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

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
    void blankConfigurationShardsNoTenant() {
        assertThat(ShardTiers.of(List.of("", "  "))).isSameAs(ShardTiers.noTenant());
        assertThat(ShardTiers.of(List.of()).shardsOf("any", 64)).isEqualTo(1);
        assertThat(ShardTiers.everyTenant().shardsOf("any", 64)).isEqualTo(64);
        assertThat(ShardTiers.of(List.of("", "  ")).isEmpty()).isTrue();
        assertThat(ShardTiers.of(List.of("big")).isEmpty()).isFalse();
        assertThat(ShardTiers.everyTenant().isEmpty()).isFalse();
    }
}
