package dev.supportdesk.aws;

import dev.supportdesk.ocr.OcrConfiguration;
import dev.supportdesk.tickets.TicketsConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The OCR function ({@link S3UploadHandler}, the container image with Tesseract): record the upload, read it. */
@Configuration(proxyBeanMethods = false)
@Import({AwsTablesConfiguration.class, TicketsConfiguration.class, OcrConfiguration.class})
public class AwsOcrConfiguration {
}
