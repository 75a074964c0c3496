package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.domain.InvalidCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paging is written once: a page from an over-fetch, and the positions its cursors carry. */
class PagingTest {

    @Test
    void theExtraItemOfAnOverfetchOnlySaysThereIsANextPageAfterTheLastItemKept() {
        Page<String> page = Page.fromOverfetch(List.of("a", "b", "c"), 2, item -> "after " + item);
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.nextCursor()).contains("after b");

        Page<String> last = Page.fromOverfetch(List.of("a", "b"), 2, item -> "after " + item);
        assertThat(last.items()).containsExactly("a", "b");
        assertThat(last.nextCursor()).isEmpty();
        assertThat(Page.fromOverfetch(List.<String>of(), 2, item -> item).nextCursor()).isEmpty();
    }

    @Test
    void positionsRoundTripWhateverTheirText() {
        ListPosition list = new ListPosition(Instant.ofEpochMilli(1_700_000_000_123L), "id:with\"odd|chars");
        assertThat(Cursors.listPosition(Cursors.position(list))).isEqualTo(list);
        SweepEntry ticket = new SweepEntry(Instant.ofEpochMilli(5), "acme", "t-1", Optional.empty());
        SweepEntry attachment = new SweepEntry(Instant.ofEpochMilli(5), "acme", "t-1", Optional.of("a-1"));
        assertThat(Cursors.sweepPosition(Cursors.position(ticket))).isEqualTo(ticket);
        assertThat(Cursors.sweepPosition(Cursors.position(attachment))).isEqualTo(attachment);
    }

    @Test
    void aMangledOrTruncatedPositionIsReportedNeverUsed() {
        String position = Cursors.position(new ListPosition(Instant.ofEpochMilli(42), "3f1c2a9e-0000-4000-8000-000000000001"));
        for (String bad : List.of("garbage", "", "[]", "[42]", "[1.5,\"x\"]", "[42,\"\"]", "[42,7]", "{\"a\":1}",
                "[42,\"x\",\"y\"]", position.substring(0, position.length() - 3))) {
            assertThatThrownBy(() -> Cursors.listPosition(bad)).as(bad).isInstanceOf(InvalidCursorException.class);
        }
        for (String bad : List.of("[42,\"acme\"]", "[42,\"acme\",\"t\",\"a\",\"b\"]", "[\"42\",\"acme\",\"t\"]")) {
            assertThatThrownBy(() -> Cursors.sweepPosition(bad)).as(bad).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void aPublicCursorCarriesThePositionForItsOwnQueryOnly() {
        Optional<String> cursor = Cursors.encode("tickets|OPEN|", Optional.of("[42,\"x\"]"));
        assertThat(Cursors.decode("tickets|OPEN|", cursor)).contains("[42,\"x\"]");
        assertThatThrownBy(() -> Cursors.decode("tickets||", cursor)).isInstanceOf(InvalidCursor.class);
    }
}
