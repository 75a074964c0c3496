package dev.supportdesk.local.workflow;

import dev.supportdesk.workflow.ScheduleFired;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Fires the {@code scheduleFired} function on the local schedule: an interval ({@code 15m}, slots
 * aligned to the epoch so a restart inside a slot does not start its run again), a Spring cron
 * expression ({@code 0 0/15 * * * *}), or {@code off}.
 */
public final class LocalWorkflowSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowSchedule.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final ScheduledFuture<?> future;

    public LocalWorkflowSchedule(String schedule, Function<ScheduleFired, String> scheduleFired, Clock clock) {
        String spec = schedule == null ? "" : schedule.trim();
        if (spec.isEmpty() || spec.equalsIgnoreCase("off")) {
            log.info("local workflow schedule is off; start runs with POST /workflow/runs");
            future = null;
            return;
        }
        scheduler.setThreadNamePrefix("supportdesk-schedule-");
        scheduler.setClock(clock);
        scheduler.initialize();
        TaskScheduler tasks = scheduler;
        if (spec.contains(" ")) {
            CronTrigger trigger = new CronTrigger(spec, java.time.ZoneOffset.UTC);
            future = tasks.schedule(() -> fire(scheduleFired, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    spec), trigger);
        } else {
            Duration interval = parse(spec);
            long millis = interval.toMillis();
            Instant first = Instant.ofEpochMilli((clock.millis() / millis + 1) * millis);
            future = tasks.scheduleAtFixedRate(() -> fire(scheduleFired,
                    Instant.ofEpochMilli(clock.millis() / millis * millis), spec), first, interval);
        }
        log.info("local workflow schedule: {}", spec);
    }

    private static Duration parse(String spec) {
        try {
            Duration interval = DurationStyle.detectAndParse(spec);
            if (interval.toMillis() < 1000) {
                throw new IllegalArgumentException("supportdesk.local.workflow-schedule must be at least 1s, got " + spec);
            }
            return interval;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("supportdesk.local.workflow-schedule must be an interval (15m), a cron "
                    + "expression (0 0/15 * * * *) or off; got '" + spec + "'", e);
        }
    }

    private static void fire(Function<ScheduleFired, String> scheduleFired, Instant slot, String schedule) {
        try {
            log.info("workflow schedule fired for {}: {}", slot, scheduleFired.apply(new ScheduleFired("local " + schedule, slot)));
        } catch (RuntimeException e) {
            log.error("workflow schedule firing for {} failed", slot, e);
        }
    }

    public boolean enabled() {
        return future != null;
    }

    @Override
    public void close() {
        if (future != null) {
            future.cancel(false);
            scheduler.shutdown();
        }
    }
}
