package dev.supportdesk.tickets;

import static dev.supportdesk.tickets.TicketStatus.CLOSED;
import static dev.supportdesk.tickets.TicketStatus.IN_PROGRESS;
import static dev.supportdesk.tickets.TicketStatus.OPEN;
import static dev.supportdesk.tickets.TicketStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void theLifeCycleIsExactlyTheDocumentedOne() {
        assertThat(OPEN.next()).containsExactlyInAnyOrder(IN_PROGRESS, CLOSED);
        assertThat(IN_PROGRESS.next()).containsExactlyInAnyOrder(OPEN, RESOLVED);
        assertThat(RESOLVED.next()).containsExactlyInAnyOrder(CLOSED, OPEN);
        assertThat(CLOSED.next()).isEmpty();
    }

    @Test
    void noStatusMovesToItself() {
        for (TicketStatus status : TicketStatus.values()) {
            assertThat(status.canMoveTo(status)).isFalse();
        }
    }

    @Test
    void everyStatusIsReachableFromOpen() {
        EnumSet<TicketStatus> reached = EnumSet.of(OPEN);
        boolean grew = true;
        while (grew) {
            EnumSet<TicketStatus> next = EnumSet.copyOf(reached);
            reached.forEach(status -> next.addAll(status.next()));
            grew = next.size() > reached.size();
            reached = next;
        }
        assertThat(reached).containsExactlyInAnyOrder(TicketStatus.values());
    }
}
