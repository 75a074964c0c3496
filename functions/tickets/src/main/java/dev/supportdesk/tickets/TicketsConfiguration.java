package dev.supportdesk.tickets;

import dev.supportdesk.telemetry.Telemetry;
import org.springframework.beans.factory.ObjectProvider;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.config.HttpApiConfiguration;
import dev.supportdesk.ports.BlobStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The tickets family: its routes in the {@value FunctionNames#API} function and the
 * {@link AttachmentUploads} that the {@value FunctionNames#BLOB_CREATED} function records uploads
 * with. The runtime provides {@link TicketStore}, {@link BlobStore} and {@link Clock}.
 */
@Configuration(proxyBeanMethods = false)
@Import(HttpApiConfiguration.class)
@EnableConfigurationProperties(TicketProperties.class)
public class TicketsConfiguration {

    @Bean
    TicketService ticketService(TicketStore store, BlobStore blobs, Clock clock, TicketProperties properties,
                                ObjectProvider<Telemetry> telemetry) {
        TicketSettings settings = new TicketSettings(properties.maxAttachmentBytes(), properties.uploadUrlValidity(),
                TicketSettings.OCR_TYPES);
        return new TicketService(store, blobs, clock, settings, telemetry.getIfAvailable(Telemetry::noop));
    }

    @Bean
    TicketRoutes ticketRoutes(TicketService tickets) {
        return new TicketRoutes(tickets);
    }

    @Bean
    AttachmentUploads attachmentUploads(TicketStore store, BlobStore blobs, Clock clock,
                                        ObjectProvider<Telemetry> telemetry) {
        return new AttachmentUploads(store, blobs, clock, telemetry.getIfAvailable(Telemetry::noop));
    }
}
