package dev.supportdesk.workflow;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where schedule events land until the workflow (SLA escalation, auto-close, OCR retry; a later
 * issue) exists: it acknowledges and logs each firing and changes nothing, so the schedule wiring of
 * every runtime can be tested end to end now.
 */
public final class ScheduleReceiver implements Function<ScheduleFired, String> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleReceiver.class);

    @Override
    public String apply(ScheduleFired event) {
        log.info("schedule {} fired for {}; no workflow steps are deployed yet", event.schedule(), event.scheduledAt());
        return "RECEIVED " + event.schedule() + " " + event.scheduledAt();
    }
}
