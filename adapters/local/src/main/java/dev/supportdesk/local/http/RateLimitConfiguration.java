package dev.supportdesk.local.http;

import dev.supportdesk.identity.TokenVerifier;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The per-caller rate limit in front of every local endpoint, unless {@code supportdesk.local.rate-limit.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "supportdesk.local.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties properties, TokenVerifier verifier,
                                                            Clock clock) {
        TokenBuckets buckets = new TokenBuckets(properties.requestsPerSecond(), properties.burst(), clock);
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(buckets, verifier));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("supportdesk-rate-limit");
        return registration;
    }
}
