package dev.supportdesk.config;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.ocr.EnginePool;
import dev.supportdesk.ocr.OcrLimits;
import dev.supportdesk.ocr.OcrPipeline;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.ocr.OcrSettings;
import dev.supportdesk.ocr.Tessdata;
import dev.supportdesk.ocr.TesseractEngine;
import dev.supportdesk.ports.BlobCreated;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.predict.ModelRegistry;
import dev.supportdesk.predict.PredictMetrics;
import dev.supportdesk.predict.PredictRoutes;
import dev.supportdesk.tickets.AttachmentUploads;
import dev.supportdesk.tickets.TicketService;
import dev.supportdesk.tickets.TicketSettings;
import dev.supportdesk.tickets.TicketStore;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.workflow.OcrReemitter;
import dev.supportdesk.workflow.ScheduleFired;
import dev.supportdesk.workflow.ScheduleReceiver;
import dev.supportdesk.workflow.WorkflowDefinition;
import dev.supportdesk.workflow.WorkflowRoutes;
import dev.supportdesk.workflow.WorkflowRuns;
import dev.supportdesk.workflow.WorkflowSettings;
import dev.supportdesk.workflow.WorkflowStarter;
import dev.supportdesk.workflow.WorkflowStepFunction;
import dev.supportdesk.workflow.WorkflowSteps;
import dev.supportdesk.workflow.WorkflowStore;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
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
 *   <li>{@value #OCR_ATTACHMENT}: the same event, then: read the uploaded document's text (adapters call
 *       it after {@value #ATTACHMENT_UPLOADED}; {@link OcrService#process(String, String, String)} re-runs
 *       the work of one attachment without an event)</li>
 *   <li>{@value #SCHEDULE_FIRED}: a schedule fired (the workflow's trigger): records the slot's run
 *   and hands it to the runtime's {@link WorkflowStarter}</li>
 *   <li>the workflow's steps, named in {@link WorkflowDefinition} ({@code workflowStart},
 *   {@code workflowFindDue}, {@code workflowEscalate}, {@code workflowAutoClose}, {@code workflowRetryOcr},
 *   {@code workflowBatchFailed}, {@code workflowRecord}): JSON text in, JSON text out</li>
 * </ul>
 * Adapters also provide a {@link WorkflowStore} and, where the workflow can be started, a
 * {@link WorkflowStarter}; an {@link OcrReemitter} bean, if present, replaces the default re-emission
 * of OCR work ({@link OcrService#process(String, String, String)} in the same instance).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportdeskProperties.class)
public class FunctionsConfiguration {

    public static final String API = "api";
    public static final String ATTACHMENT_UPLOADED = "attachmentUploaded";
    public static final String SCHEDULE_FIRED = "scheduleFired";
    public static final String OCR_ATTACHMENT = "ocrAttachment";

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
                                            SupportdeskProperties properties, WorkflowRuns runs,
                                            ObjectProvider<WorkflowStarter> starter) {
        PredictRoutes predict = new PredictRoutes(models, properties.predict().maxBatchSize(), metrics);
        WorkflowRoutes workflow = new WorkflowRoutes(runs, starter(starter));
        return ApiRouter.create(tickets, predict, workflow, properties.maxBodyBytes());
    }

    private static WorkflowStarter starter(ObjectProvider<WorkflowStarter> starter) {
        return run -> starter.getIfAvailable(() -> r -> {
            throw new IllegalStateException("this runtime has no workflow engine to start run " + r.runId());
        }).start(run);
    }

    @Bean
    WorkflowRuns workflowRuns(WorkflowStore store, Clock clock) {
        return new WorkflowRuns(store, clock);
    }

    @Bean
    WorkflowSettings workflowSettings(SupportdeskProperties properties) {
        SupportdeskProperties.Workflow w = properties.workflow();
        return new WorkflowSettings(Map.of(Priority.LOW, w.sla().low(), Priority.NORMAL, w.sla().normal(),
                Priority.HIGH, w.sla().high()), w.autoCloseAfter(), w.ocrTimeout(), w.ocrMaxAttempts(),
                w.batchSize(), w.batchesPerRound());
    }

    @Bean
    WorkflowSteps workflowSteps(TicketStore tickets, WorkflowStore store, WorkflowRuns runs, WorkflowSettings settings,
                                ObjectProvider<OcrReemitter> reemitter, ObjectProvider<OcrService> ocr) {
        // In-process by default (local, Azure: the instance has the engine); AWS runs the steps where
        // there is no engine and provides a reemitter that invokes the OCR function instead.
        OcrReemitter inProcess = (tenant, ticketId, attachmentId, blobKey) ->
                ocr.getObject().process(tenant, ticketId, attachmentId);
        return new WorkflowSteps(tickets, store, runs, settings, reemitter.getIfAvailable(() -> inProcess));
    }

    @Bean(WorkflowDefinition.START)
    Function<String, String> workflowStart(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowStart", steps::start);
    }

    @Bean(WorkflowDefinition.FIND_DUE)
    Function<String, String> workflowFindDue(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowFindDue", steps::findDue);
    }

    @Bean(WorkflowDefinition.ESCALATE)
    Function<String, String> workflowEscalate(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowEscalate", steps::escalate);
    }

    @Bean(WorkflowDefinition.AUTO_CLOSE)
    Function<String, String> workflowAutoClose(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowAutoClose", steps::autoClose);
    }

    @Bean(WorkflowDefinition.RETRY_OCR)
    Function<String, String> workflowRetryOcr(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowRetryOcr", steps::retryOcr);
    }

    @Bean(WorkflowDefinition.BATCH_FAILED)
    Function<String, String> workflowBatchFailed(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowBatchFailed", steps::batchFailed);
    }

    @Bean(WorkflowDefinition.RECORD)
    Function<String, String> workflowRecord(WorkflowSteps steps) {
        return new WorkflowStepFunction("workflowRecord", steps::record);
    }

    @Bean(ATTACHMENT_UPLOADED)
    Function<BlobCreated, AttachmentUploads.Outcome> attachmentUploaded(TicketStore store, Clock clock) {
        return new AttachmentUploads(store, clock);
    }

    @Bean(destroyMethod = "close")
    OcrPipeline ocrPipeline(SupportdeskProperties properties) {
        SupportdeskProperties.Ocr ocr = properties.ocr();
        int engines = ocr.engines() > 0 ? ocr.engines() : Runtime.getRuntime().availableProcessors();
        // Engines (and the native libraries) load on the first document, so runtimes that never read one
        // (the API function) neither need tesseract installed nor pay for it at start-up.
        EnginePool pool = new EnginePool(engines, () -> new TesseractEngine(
                Tessdata.locate(ocr.tessdata(), ocr.languages()).toString(), ocr.languages(), ocr.pageSegMode()));
        return new OcrPipeline(pool, ocrLimits(ocr));
    }

    static OcrLimits ocrLimits(SupportdeskProperties.Ocr ocr) {
        return new OcrLimits(ocr.maxBytes(), ocr.maxPages(), ocr.maxPixelsPerPage(), ocr.maxSide(),
                ocr.maxInflatedBytes(), ocr.timePerPage(), ocr.pdfDpi());
    }

    @Bean
    OcrService ocrService(TicketStore store, BlobStore blobs, OcrPipeline pipeline, Clock clock,
                          SupportdeskProperties properties) {
        SupportdeskProperties.Ocr ocr = properties.ocr();
        return new OcrService(store, blobs, pipeline::extract, pipeline.limits(), clock,
                new OcrSettings(ocr.lease(), ocr.maxAttempts(), ocr.previewChars()));
    }

    @Bean(OCR_ATTACHMENT)
    Function<BlobCreated, OcrService.Outcome> ocrAttachment(OcrService ocr) {
        return ocr::onBlobCreated;
    }

    @Bean(SCHEDULE_FIRED)
    Function<ScheduleFired, String> scheduleFired(WorkflowRuns runs, ObjectProvider<WorkflowStarter> starter) {
        return new ScheduleReceiver(runs, starter(starter));
    }
}
