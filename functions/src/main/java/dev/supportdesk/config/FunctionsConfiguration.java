package dev.supportdesk.config;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.predict.ModelRegistry;
import dev.supportdesk.predict.PredictMetrics;
import dev.supportdesk.predict.PredictRoutes;
import dev.supportdesk.tickets.AttachmentUploads;
import dev.supportdesk.tickets.TicketService;
import dev.supportdesk.tickets.TicketSettings;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.workflow.ScheduleFired;
import dev.supportdesk.workflow.ScheduleReceiver;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The functions of the core as Spring Cloud Function beans. Adapters import this configuration,
 * provide the ports ({@link TicketStore}, {@link BlobStore}, {@link Clock}) and look the
 * functions up by name in the {@code FunctionCatalog}:
 * <ul>
 *   <li>{@value #API}: every HTTP route of the API</li>
 *   <li>{@value #ATTACHMENT_UPLOADED}: a blob was created under the uploads prefix</li>
 *   <li>{@value #SCHEDULE_FIRED}: a schedule fired (the workflow's trigger)</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportdeskProperties.class)
public class FunctionsConfiguration {

    public static final String API = "api";
    public static final String ATTACHMENT_UPLOADED = "attachmentUploaded";
    public static final String SCHEDULE_FIRED = "scheduleFired";

    @Bean
    TicketService ticketService(TicketStore store, BlobStore blobs, Clock clock, SupportdeskProperties properties) {
        TicketSettings settings = new TicketSettings(properties.maxAttachmentBytes(), properties.uploadUrlValidity(),
                TicketSettings.OCR_TYPES);
        return new TicketService(store, blobs, clock, settings);
    }

    @Bean
    ClaimsMapper claimsMapper(SupportdeskProperties properties) {
        return new ClaimsMapper(properties.auth().tenantClaim(), properties.auth().rolesClaim());
    }

    @Bean
    ModelRegistry modelRegistry(BlobStore blobs, Clock clock, SupportdeskProperties properties) {
        return new ModelRegistry(blobs, clock, properties.predict().recheckInterval());
    }

    @Bean
    PredictMetrics predictMetrics() {
        return new PredictMetrics();
    }

    @Bean(API)
    Function<HttpRequest, HttpResponse> api(TicketService tickets, ModelRegistry models, PredictMetrics metrics,
                                            SupportdeskProperties properties) {
        PredictRoutes predict = new PredictRoutes(models, properties.predict().maxBatchSize(), metrics);
        return ApiRouter.create(tickets, predict, properties.maxBodyBytes());
    }

    @Bean(ATTACHMENT_UPLOADED)
    Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded(TicketStore store, Clock clock) {
        return new AttachmentUploads(store, clock);
    }

    @Bean(SCHEDULE_FIRED)
    Function<ScheduleFired, String> scheduleFired() {
        return new ScheduleReceiver();
    }
}
