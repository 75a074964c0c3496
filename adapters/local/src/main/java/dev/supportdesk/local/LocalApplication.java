package dev.supportdesk.local;

import dev.supportdesk.ocr.OcrConfiguration;
import dev.supportdesk.predict.PredictConfiguration;
import dev.supportdesk.tickets.TicketsConfiguration;
import dev.supportdesk.workflow.WorkflowStepsConfiguration;
import dev.supportdesk.config.TokenProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The local runtime: the core's functions over HTTP on localhost, with an H2 file database and a blob folder. */
@SpringBootApplication
@Import({TicketsConfiguration.class, OcrConfiguration.class, PredictConfiguration.class, WorkflowStepsConfiguration.class})
@EnableConfigurationProperties({LocalProperties.class, TokenProperties.class})
public class LocalApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalApplication.class, args);
    }
}
