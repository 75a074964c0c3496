package dev.supportdesk.workflow;

import java.time.Instant;

/**
 * The runtime-neutral "a schedule fired" event (EventBridge Scheduler, Azure Timer, the local scheduler).
 *
 * @param schedule which schedule fired (its ARN or name)
 * @param scheduledAt the time slot it fired for
 */
public record ScheduleFired(String schedule, Instant scheduledAt) {
}
