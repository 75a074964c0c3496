package dev.supportdesk.local.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local runtime's per-caller rate limit (a token bucket per caller: the verified token's tenant
 * and subject, else the peer address).
 *
 * @param enabled whether requests are limited at all
 * @param requestsPerSecond the sustained rate each caller may keep up
 * @param burst how many requests a caller may send at once after a pause
 */
@ConfigurationProperties("supportdesk.local.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") double requestsPerSecond,
        @DefaultValue("1000") int burst) {
}
