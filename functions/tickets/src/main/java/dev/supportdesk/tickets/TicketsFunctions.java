package dev.supportdesk.tickets;

import dev.supportdesk.config.Functional;
import dev.supportdesk.config.HttpApiFunctions;
import dev.supportdesk.ports.BlobStore;
import java.time.Clock;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** {@link TicketsConfiguration} as functional registrations (same beans, same constructors). */
public class TicketsFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        new HttpApiFunctions().initialize(context);
        Functional.properties(context, "supportdesk", TicketProperties.class);
        context.registerBean("ticketService", TicketService.class, () -> {
            TicketProperties properties = context.getBean(TicketProperties.class);
            TicketSettings settings = new TicketSettings(properties.maxAttachmentBytes(), properties.uploadUrlValidity(),
                    TicketSettings.OCR_TYPES);
            return new TicketService(context.getBean(TicketStore.class), context.getBean(BlobStore.class),
                    context.getBean(Clock.class), settings, Functional.telemetry(context));
        });
        context.registerBean("ticketRoutes", TicketRoutes.class, () -> new TicketRoutes(context.getBean(TicketService.class)));
        context.registerBean("attachmentUploads", AttachmentUploads.class, () -> new AttachmentUploads(
                context.getBean(TicketStore.class), context.getBean(BlobStore.class), context.getBean(Clock.class),
                Functional.telemetry(context)));
    }
}
