package dev.supportdesk.tickets;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tickets family's settings ({@code supportdesk.*}, {@code SUPPORTDESK_*} on the clouds).
 *
 * @param maxAttachmentBytes largest file an attachment may declare
 * @param uploadUrlValidity how long an upload URL stays usable
 */
@ConfigurationProperties("supportdesk")
public record TicketProperties(
        @DefaultValue("20971520") long maxAttachmentBytes,
        @DefaultValue("15m") Duration uploadUrlValidity) {
}
