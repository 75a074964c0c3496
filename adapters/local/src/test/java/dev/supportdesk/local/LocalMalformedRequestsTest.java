package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests that Tomcat refuses before the API servlet sees them still get problem+json, never
 * Tomcat's HTML page. Sent on raw sockets, because HTTP clients refuse to send most of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/malformed-${random.uuid}")
class LocalMalformedRequestsTest {

    @LocalServerPort
    int port;

    private static void assertProblem(RawHttp.Reply reply, int status) throws Exception {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(reply.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://supportdesk.dev/problems/");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
    }

    private String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + String.join("", headers)
                + "Connection: close\r\n\r\n";
    }

    @Test
    void encodedControlCharactersInThePathAreProblems() throws Exception {
        for (String path : List.of("/tickets/%00", "/%00", "/models/%00/predict", "/tickets/a%00b/responses")) {
            assertProblem(RawHttp.send(port, get(path)), 400);
        }
    }

    @Test
    void overLongHeadersAndHugeTokensAreProblems() throws Exception {
        assertProblem(RawHttp.send(port, get("/tickets", "X-Filler: " + "a".repeat(20_000) + "\r\n")), 400);
        assertProblem(RawHttp.send(port, get("/tickets", "Authorization: Bearer " + "b".repeat(100_000) + "\r\n")), 400);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("X-H").append(i).append(": ").append("v".repeat(100)).append("\r\n");
        }
        assertProblem(RawHttp.send(port, get("/tickets", many.toString())), 400);
    }

    @Test
    void malformedRequestLinesAndUrisAreProblems() throws Exception {
        assertProblem(RawHttp.send(port, get("/tickets/%zz")), 400);
        assertProblem(RawHttp.send(port, get("/" + "p".repeat(70_000))), 400);
        assertProblem(RawHttp.send(port, "GET /tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: other\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void anEncodedSlashReachesTheRouterAndIsAPlainNotFound() throws Exception {
        RawHttp.Reply reply = RawHttp.send(port, get("/health%2Fx"));
        assertProblem(reply, 404);
    }
}
