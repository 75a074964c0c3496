package dev.supportdesk.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting the core reads, under one name on every runtime: {@code supportdesk.*} in
 * {@code application.yaml}, {@code SUPPORTDESK_*} environment variables on the clouds.
 *
 * @param maxBodyBytes largest accepted request body
 * @param maxAttachmentBytes largest file an attachment may declare
 * @param uploadUrlValidity how long an upload URL stays usable
 * @param auth how the claims of a verified token map to an identity
 * @param predict how models are served
 */
@ConfigurationProperties("supportdesk")
public record SupportdeskProperties(
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("20971520") long maxAttachmentBytes,
        @DefaultValue("15m") Duration uploadUrlValidity,
        @DefaultValue Auth auth,
        @DefaultValue Predict predict) {

    /**
     * @param tenantClaim the claim holding the caller's tenant
     * @param rolesClaim the claim holding the caller's roles
     */
    public record Auth(
            @DefaultValue("tenant") String tenantClaim,
            @DefaultValue("roles") String rolesClaim) {
    }

    /**
     * @param maxBatchSize the most instances one predict request may carry
     * @param recheckInterval how often a model's {@code current} pointer is re-read (and a failed
     *                        package load retried)
     */
    public record Predict(
            @DefaultValue("100") int maxBatchSize,
            @DefaultValue("30s") Duration recheckInterval) {
    }
}
