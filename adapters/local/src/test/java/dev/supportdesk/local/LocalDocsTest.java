package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The local app serves the repository's OpenAPI document and a browsable UI for it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/docs-${random.uuid}")
class LocalDocsTest {

    @LocalServerPort
    int port;

    private HttpResponse get(String path) {
        return LocalHttp.send(port, HttpRequest.builder("GET", path).build());
    }

    @Test
    void servesTheOpenApiDocumentOfTheRepository() throws IOException {
        HttpResponse response = get("/openapi.yaml");
        assertThat(response.status()).isEqualTo(200);
        try (InputStream in = getClass().getResourceAsStream("/openapi.yaml")) {
            assertThat(response.bodyText()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(response.bodyText()).startsWith("openapi: 3.1.0");
    }

    @Test
    void servesTheSwaggerUiAndItsAssets() {
        HttpResponse page = get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).contains("SwaggerUIBundle").contains("/openapi.yaml");
        HttpResponse bundle = get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length).isGreaterThan(100_000);
        assertThat(get("/docs/../../keys/jwt-signing-key.json").status()).isIn(400, 404);
        assertThat(get("/docs/secret.txt").status()).isEqualTo(404);
    }
}
