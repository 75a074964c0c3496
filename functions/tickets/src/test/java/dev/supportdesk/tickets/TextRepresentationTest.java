package dev.supportdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Proactive negotiation of an attachment's text: quality values, specificity, ties, refusals. */
class TextRepresentationTest {

    private static Optional<String> chosen(String accept) {
        return TextRepresentation.negotiate(Optional.ofNullable(accept)).map(TextRepresentation::mediaType);
    }

    @Test
    void noPreferenceOrAnyTypeGivesPlainText() {
        assertThat(chosen(null)).contains("text/plain");
        assertThat(chosen(" ")).contains("text/plain");
        assertThat(chosen("*/*")).contains("text/plain");
        assertThat(chosen("text/*")).contains("text/plain");
    }

    @Test
    void hocrIsServedUnderTheTypeAskedFor() {
        assertThat(chosen("text/vnd.hocr+html")).contains("text/vnd.hocr+html");
        assertThat(chosen("text/html")).contains("text/html");
        assertThat(chosen("TEXT/HTML; charset=utf-8")).contains("text/html");
        assertThat(TextRepresentation.negotiate(Optional.of("text/html")).orElseThrow().format())
                .isEqualTo(TextRepresentation.HOCR);
    }

    @Test
    void theHighestQualityWinsAndTheMostSpecificRangeSetsIt() {
        assertThat(chosen("text/plain;q=0.5, text/vnd.hocr+html")).contains("text/vnd.hocr+html");
        assertThat(chosen("text/*;q=0.2, text/html;q=0.8")).contains("text/html");
        assertThat(chosen("text/*, text/plain;q=0")).contains("text/vnd.hocr+html");
        assertThat(chosen("application/json, */*;q=0.1")).contains("text/plain");
    }

    @Test
    void nothingAcceptableIsEmpty() {
        assertThat(chosen("application/json")).isEmpty();
        assertThat(chosen("text/plain;q=0, text/html;q=0, text/vnd.hocr+html;q=0")).isEmpty();
        assertThat(chosen("text/plain;q=abc")).isEmpty();
        assertThat(chosen("image/*")).isEmpty();
    }

    @Test
    void formatNamesAreExactlyTextAndHocr() {
        assertThat(TextRepresentation.named("text")).map(TextRepresentation::mediaType).contains("text/plain");
        assertThat(TextRepresentation.named("hocr")).map(TextRepresentation::mediaType).contains("text/vnd.hocr+html");
        assertThat(TextRepresentation.named("pdf")).isEmpty();
        assertThat(TextRepresentation.named("HOCR")).isEmpty();
    }
}
