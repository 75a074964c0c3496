package dev.supportdesk.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.config.FunctionNames;
import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.ocr.OcrService;
import dev.supportdesk.tickets.TicketProperties;
import dev.supportdesk.workflow.OcrReemitter;
import dev.supportdesk.config.TokenProperties;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.identity.TokenVerifier;
import dev.supportdesk.local.blobs.BackgroundOcrHandoff;
import dev.supportdesk.local.blobs.DownloadEndpoint;
import dev.supportdesk.local.blobs.FolderBlobStore;
import dev.supportdesk.local.blobs.UploadEndpoint;
import dev.supportdesk.local.http.ApiServlet;
import dev.supportdesk.local.http.LocalRoutes;
import dev.supportdesk.local.http.ProblemReportValve;
import dev.supportdesk.local.http.TokenEndpointGuard;
import dev.supportdesk.local.store.JdbcTicketStore;
import dev.supportdesk.local.store.JdbcWorkflowStore;
import dev.supportdesk.local.workflow.LocalWorkflowRunner;
import dev.supportdesk.local.workflow.LocalWorkflowSchedule;
import dev.supportdesk.workflow.ScheduleFired;
import dev.supportdesk.local.tokens.LocalKeys;
import dev.supportdesk.local.tokens.TokenMinter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.supportdesk.telemetry.MetricRegistry;
import dev.supportdesk.telemetry.Telemetry;
import org.springframework.context.annotation.Primary;

/** Wires the local implementations of the core's ports and the servlet that serves everything. */
@Configuration(proxyBeanMethods = false)
class LocalConfiguration {

    /** The functions' telemetry, kept in-process and served on {@code GET /metrics} (Prometheus text or JSON). */
    @Bean
    MetricRegistry metricRegistry() {
        return new MetricRegistry();
    }

    /**
     * The telemetry the functions report to: the registry, or nothing with {@code supportdesk.local.telemetry=false}
     * (primary, so that the registry is not picked as a {@link Telemetry} by itself).
     */
    @Bean
    @Primary
    Telemetry telemetry(LocalProperties properties, MetricRegistry registry) {
        return properties.telemetry() ? registry : Telemetry.noop();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DataDirectory dataDirectory(LocalProperties properties) {
        return DataDirectory.open(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DataDirectory data) {
        Path database = data.path("db").resolve("supportdesk");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("supportdesk-h2");
        return new HikariDataSource(config);
    }

    @Bean
    JdbcTicketStore ticketStore(DataSource dataSource, DataDirectory data) {
        JdbcTicketStore store = new JdbcTicketStore(dataSource);
        store.createSchema();
        data.restrict();
        return store;
    }

    /** H2 creates its files with the process's umask: once everything is up, they become owner-only too. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> restrictDataDirectory(DataDirectory data) {
        return event -> data.restrict();
    }

    @Bean
    JdbcWorkflowStore workflowStore(DataSource dataSource) {
        JdbcWorkflowStore store = new JdbcWorkflowStore(dataSource);
        store.createSchema();
        return store;
    }

    @Bean(destroyMethod = "close")
    LocalWorkflowRunner workflowRunner(FunctionCatalog catalog) {
        return new LocalWorkflowRunner(catalog);
    }

    @Bean(destroyMethod = "close")
    LocalWorkflowSchedule workflowSchedule(LocalProperties properties, FunctionCatalog catalog, Clock clock) {
        Function<ScheduleFired, String> fired = catalog.lookup(FunctionNames.SCHEDULE_FIRED);
        return new LocalWorkflowSchedule(properties.workflowSchedule(), fired, clock);
    }

    /**
     * Tomcat's own answers become problem+json ({@link ProblemReportValve}), and an encoded '/'
     * ({@code %2F}) in a path reaches the router inside its segment, as on the cloud gateways,
     * instead of being refused by Tomcat with a 400.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorsFromTomcat() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
            factory.addContextCustomizers(context -> ProblemReportValve.install(context.getParent()));
        };
    }

    @Bean
    LocalBaseUrl localBaseUrl(LocalProperties properties) {
        return new LocalBaseUrl(properties.publicUrl());
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> baseUrlFromServerPort(LocalBaseUrl baseUrl,
                                                                         org.springframework.core.env.Environment env) {
        return event -> baseUrl.serverStarted(env.getProperty("server.address", "127.0.0.1"), event.getWebServer().getPort());
    }

    @Bean
    LocalKeys localKeys(DataDirectory data) {
        return LocalKeys.loadOrCreate(data.path("keys"));
    }

    @Bean
    FolderBlobStore blobStore(DataDirectory data, LocalKeys keys, LocalBaseUrl baseUrl, Clock clock) {
        return new FolderBlobStore(data.path("blobs"), keys.uploadSigningKey(), baseUrl::get, clock);
    }

    @Bean
    ModelSeeder modelSeeder(FolderBlobStore blobs, LocalProperties properties) {
        ModelSeeder seeder = new ModelSeeder(blobs, java.nio.file.Path.of(properties.modelsDir()));
        seeder.seed();
        return seeder;
    }

    /** This instance has the OCR engine: the workflow re-runs stuck OCR work in-process. */
    @Bean
    OcrReemitter ocrReemitter(OcrService ocr) {
        return (tenant, ticketId, attachmentId, blobKey) -> ocr.process(tenant, ticketId, attachmentId);
    }

    @Bean
    TokenVerifier tokenVerifier(LocalKeys keys, TokenProperties token, ClaimsMapper claimsMapper) {
        return new TokenVerifier(keys.verificationKeys(), token.issuer(), token.audience(), claimsMapper);
    }

    @Bean
    TokenMinter tokenMinter(LocalKeys keys, TokenProperties token, SupportdeskProperties properties,
                            LocalProperties local, Clock clock) {
        return new TokenMinter(keys, token, properties.auth(), local.maxTokenValidity(), clock);
    }

    /** Replaces the core's in-process default, so uploads answer before their text is read. */
    @Bean(destroyMethod = "close")
    BackgroundOcrHandoff ocrHandoff(OcrService ocr) {
        return new BackgroundOcrHandoff(ocr, Runtime.getRuntime().availableProcessors());
    }

    @Bean
    ServletRegistrationBean<ApiServlet> apiServlet(FunctionCatalog catalog, TokenVerifier verifier, TokenMinter minter,
                                                   FolderBlobStore blobs,
                                                   SupportdeskProperties properties, TicketProperties tickets,
                                                   ClaimsMapper claimsMapper, Clock clock, LocalProperties local,
                                                   org.springframework.core.env.Environment env) {
        TokenEndpointGuard.checkBindAddress(local.tokenEndpoint(), local.remoteTokenMinting(),
                env.getProperty("server.address", ""));
        TokenEndpointGuard tokenGuard = new TokenEndpointGuard(local.tokenEndpoint(), local.remoteTokenMinting());
        Function<HttpRequest, HttpResponse> api = catalog.lookup(FunctionNames.API);
        UploadEndpoint uploads = new UploadEndpoint(blobs, catalog.lookup(FunctionNames.BLOB_CREATED),
                tickets.maxAttachmentBytes(), clock);
        LocalRoutes localRoutes = new LocalRoutes(minter, claimsMapper, properties.auth(), properties.maxBodyBytes());
        ApiServlet servlet = new ApiServlet(api, localRoutes, uploads, new DownloadEndpoint(blobs, clock), verifier,
                properties.maxBodyBytes(), tokenGuard, local.telemetry());
        ServletRegistrationBean<ApiServlet> registration = new ServletRegistrationBean<>(servlet, "/*");
        registration.setName("supportdesk");
        return registration;
    }
}
