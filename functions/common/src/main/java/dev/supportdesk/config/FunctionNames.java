package dev.supportdesk.config;

/** The names under which the runtimes look the core's functions up in the {@code FunctionCatalog}. */
public final class FunctionNames {

    /** Every HTTP route of the families present in the context. */
    public static final String API = "api";
    /** A blob was created under the uploads prefix: record the upload. */
    public static final String ATTACHMENT_UPLOADED = "attachmentUploaded";
    /** The same event, then: read the uploaded document's text. */
    public static final String OCR_ATTACHMENT = "ocrAttachment";
    /** A schedule fired: record the slot's run and hand it to the runtime's workflow engine. */
    public static final String SCHEDULE_FIRED = "scheduleFired";

    private FunctionNames() {
    }
}
