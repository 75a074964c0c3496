package dev.supportdesk.tickets;

import java.time.Duration;
import java.util.Set;

/**
 * Limits of the ticket API.
 *
 * @param maxAttachmentBytes the largest file an attachment may declare
 * @param uploadUrlValidity how long an upload URL stays usable
 * @param attachmentTypes the content types an attachment may declare
 */
public record TicketSettings(long maxAttachmentBytes, Duration uploadUrlValidity, Set<String> attachmentTypes) {

    public static final Set<String> OCR_TYPES = Set.of("image/png", "image/jpeg", "image/tiff", "application/pdf");
}
