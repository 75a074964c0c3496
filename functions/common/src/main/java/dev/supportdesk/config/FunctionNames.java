package dev.supportdesk.config;

/** The names under which the runtimes look the core's functions up in the {@code FunctionCatalog}. */
public final class FunctionNames {

    /** Every HTTP route of the families present in the context. */
    public static final String API = "api";
    /** A blob was created: record the attachment's upload, then hand its text extraction on. */
    public static final String BLOB_CREATED = "blobCreated";
    /** A schedule fired: record the slot's run and hand it to the runtime's workflow engine. */
    public static final String SCHEDULE_FIRED = "scheduleFired";

    private FunctionNames() {
    }
}
