package dev.supportdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesAsFormUrlEncoding() {
        assertThat(QueryString.decode("a=1&b=x+y&c=x%20y&d=x%2By&e=%C3%A9&f&=g&&"))
                .containsExactly(Map.entry("a", List.of("1")), Map.entry("b", List.of("x y")),
                        Map.entry("c", List.of("x y")), Map.entry("d", List.of("x+y")), Map.entry("e", List.of("é")),
                        Map.entry("f", List.of("")), Map.entry("", List.of("g")));
    }

    @Test
    void keepsRepeatedNamesInArrivalOrder() {
        assertThat(QueryString.decode("s=1&t=2&s=3")).containsEntry("s", List.of("1", "3"));
    }

    @Test
    void malformedEscapesNameTheParameterAndTheEscape() {
        assertThatThrownBy(() -> QueryString.decode("ok=1&q=a%zzb")).isInstanceOf(ApiException.class)
                .hasMessage("query parameter 'q' is not correctly percent-encoded: '%zz' is not an escape of the form"
                        + " %XX (send a literal % as %25)");
        assertThatThrownBy(() -> QueryString.decode("q=%")).hasMessageContaining("'q'").hasMessageContaining("'%'");
        assertThatThrownBy(() -> QueryString.decode("q=%4")).hasMessageContaining("'%4'");
        assertThatThrownBy(() -> QueryString.decode("q=%e9")).hasMessageContaining("'%e9' is not UTF-8");
        assertThatThrownBy(() -> QueryString.decode("q=%C3%A9%e9")).hasMessageContaining("'%C3%A9%e9' is not UTF-8");
        assertThatThrownBy(() -> QueryString.decode("q%zz=1")).hasMessageContaining("name of query parameter 'q%zz'");
    }

    @Test
    void encodingRoundTripsWhatAGatewayDecoded() {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        decoded.put("q", List.of("a&b=c d+%", "é"));
        decoded.put("x y", List.of(""));
        assertThat(QueryString.decode(QueryString.encode(decoded))).isEqualTo(decoded);
    }
}
