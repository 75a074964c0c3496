package dev.supportdesk.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every function reads, under one name on every runtime: {@code supportdesk.*} in
 * {@code application.yaml}, {@code SUPPORTDESK_*} environment variables on the clouds. Each family
 * binds its own settings under the same prefix ({@code TicketProperties}, {@code OcrProperties},
 * {@code PredictProperties}, {@code WorkflowProperties}).
 *
 * @param maxBodyBytes largest accepted request body
 * @param auth how the claims of a verified token map to an identity
 */
@ConfigurationProperties("supportdesk")
public record SupportdeskProperties(
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue Auth auth) {

    /**
     * @param tenantClaim the claim holding the caller's tenant
     * @param rolesClaim the claim holding the caller's roles
     * @param operatorRole the value in the roles claim that grants the cross-tenant operator role
     */
    public record Auth(
            @DefaultValue("tenant") String tenantClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("operator") String operatorRole) {
    }
}
