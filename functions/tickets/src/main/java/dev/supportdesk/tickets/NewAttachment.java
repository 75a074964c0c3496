package dev.supportdesk.tickets;

import dev.supportdesk.ports.UploadUrl;

/** A declared attachment and the URL its file must be uploaded to. */
public record NewAttachment(Attachment attachment, UploadUrl upload) {
}
