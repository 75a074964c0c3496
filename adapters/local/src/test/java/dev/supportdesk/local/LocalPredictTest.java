package dev.supportdesk.local;

import dev.supportdesk.testing.ProjectPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.blobs.FolderBlobStore;
import dev.supportdesk.local.tokens.TokenMinter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The predict family on the local runtime over real HTTP: the shipped package seeded into the
 * blob folder, served by ONNX Runtime; bad input; new versions through the "current" pointer;
 * corrupt packages; metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportdesk.local.data-dir=target/test-data/predict-${random.uuid}",
        "supportdesk.local.models-dir=../../models",
        "supportdesk.predict.recheck-interval=0s"})
class LocalPredictTest {

    private static final Path PACKAGE = ProjectPaths.root().resolve("models/wine-quality/1.0.0");
    private static final String ROW = "{\"fixed_acidity\":6.4,\"volatile_acidity\":0.105,\"citric_acid\":0.29,"
            + "\"residual_sugar\":1.1,\"chlorides\":0.035,\"free_sulfur_dioxide\":44,\"total_sulfur_dioxide\":140,"
            + "\"density\":0.99142,\"ph\":3.17,\"sulphates\":0.55,\"alcohol\":10.7,\"is_red\":0}";

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    @Autowired
    FolderBlobStore blobs;

    private String customer;
    private String admin;
    private String operator;

    @BeforeEach
    void tokens() {
        customer = minter.mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(5)).token();
        admin = minter.mint("root", "acme", List.of(Role.ADMIN), Duration.ofMinutes(5)).token();
        operator = minter.mint("ops", "acme", List.of(Role.OPERATOR), Duration.ofMinutes(5)).token();
    }

    private HttpResponse post(String path, String json) {
        return LocalHttp.send(port, HttpRequest.builder("POST", path).header("Authorization", "Bearer " + customer)
                .jsonBody(json).build());
    }

    private HttpResponse get(String path, String token) {
        return LocalHttp.send(port, HttpRequest.builder("GET", path).header("Authorization", "Bearer " + token).build());
    }

    private static JsonNode json(HttpResponse response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private void assertBadRequest(String body, String detail) {
        HttpResponse response = post("/models/wine-quality/predict", body);
        assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).contains(detail);
    }

    private void put(String key, byte[] content) {
        blobs.put(key, new ByteArrayInputStream(content), content.length, "application/octet-stream");
    }

    @Test
    void theShippedModelIsListedAndPredictsLikeScikitLearn() throws IOException {
        JsonNode models = json(get("/models", customer));
        assertThat(models.path("items").get(0).path("name").asText()).isEqualTo("wine-quality");
        assertThat(models.path("items").get(0).path("versions").toString()).contains("1.0.0");

        HttpResponse response = post("/models/wine-quality/predict", "{\"instances\":[" + ROW + "," + ROW + "]}");
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("modelVersion").asText()).isEqualTo("1.0.0");
        assertThat(body.path("predictions")).hasSize(2);
        JsonNode first = body.path("predictions").get(0);
        assertThat(first.path("label").asLong()).isEqualTo(7);
        assertThat(first.path("probabilities").path("7").asDouble()).isCloseTo(0.8614641756202002, org.assertj.core.data.Offset.offset(1e-5));

        HttpResponse pinned = post("/models/wine-quality/versions/1.0.0/predict", "{\"instances\":[" + ROW + "]}");
        assertThat(pinned.status()).isEqualTo(200);
    }

    @Test
    void badInstancesAreRefusedNamingTheRowAndTheFeature() {
        assertBadRequest("{\"instances\":[" + ROW + ",{\"alcohol\":10}]}", "instances[1] is missing feature 'fixed_acidity'");
        assertBadRequest("{\"instances\":[" + ROW.replace("}", ",\"colour\":1}") + "]}", "instances[0] has unknown feature 'colour'");
        assertBadRequest("{\"instances\":[" + ROW.replace("\"alcohol\":10.7", "\"alcohol\":\"high\"") + "]}",
                "instances[0].alcohol must be a number");
        assertBadRequest("{\"instances\":[" + ROW.replace("\"alcohol\":10.7", "\"alcohol\":99") + "]}",
                "instances[0].alcohol = 99 is outside the valid range");
        assertBadRequest("{\"instances\":[" + ROW.replace("\"alcohol\":10.7", "\"alcohol\":1e400") + "]}",
                "instances[0].alcohol must be a finite number");
        assertBadRequest("{\"instances\":[" + ROW.replace("\"alcohol\":10.7", "\"alcohol\":NaN") + "]}", "not valid JSON");
        assertBadRequest("{\"instances\":[]}", "between 1 and 100");
        assertBadRequest("{\"instances\":[" + (ROW + ",").repeat(100) + ROW + "]}", "between 1 and 100");
        assertBadRequest("{\"instances\":{}}", "must be an array");
        assertBadRequest("{\"rows\":[]}", "unknown field 'rows'");
        assertBadRequest("{\"instances\":[1]}", "instances[0] must be an object");
    }

    @Test
    void unknownModelsAndVersionsAre404() {
        assertThat(post("/models/nope/predict", "{\"instances\":[" + ROW + "]}").status()).isEqualTo(404);
        HttpResponse version = post("/models/wine-quality/versions/0.0.9/predict", "{\"instances\":[" + ROW + "]}");
        assertThat(version.status()).isEqualTo(404);
        assertThat(version.bodyText()).contains("has no version '0.0.9'");
    }

    @Test
    void aNewVersionGoesLiveThroughTheCurrentPointerAndACorruptOneFailsClearly() throws IOException {
        String metadata = Files.readString(PACKAGE.resolve("metadata.json")).replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        put("models/wine-quality/1.1.0/metadata.json", metadata.getBytes(StandardCharsets.UTF_8));
        put("models/wine-quality/1.1.0/model.onnx", Files.readAllBytes(PACKAGE.resolve("model.onnx")));
        put("models/wine-quality/current", "1.1.0".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse live = post("/models/wine-quality/predict", "{\"instances\":[" + ROW + "]}");
            assertThat(json(live).path("modelVersion").asText()).isEqualTo("1.1.0");

            put("models/wine-quality/6.6.6/metadata.json", metadata.replace("1.1.0", "6.6.6").getBytes(StandardCharsets.UTF_8));
            put("models/wine-quality/6.6.6/model.onnx", "truncated".getBytes(StandardCharsets.UTF_8));
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse broken = post("/models/wine-quality/versions/6.6.6/predict", "{\"instances\":[" + ROW + "]}");
                assertThat(broken.status()).isEqualTo(503);
                assertThat(broken.bodyText()).contains("cannot be served").contains("model.onnx cannot be loaded");
            }
            assertThat(post("/models/wine-quality/predict", "{\"instances\":[" + ROW + "]}").status()).isEqualTo(200);
        } finally {
            put("models/wine-quality/current", "1.0.0".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void operatorsSeeRequestCountsErrorsAndLatencyTenantAdminsTheirTenantsShare() throws IOException {
        post("/models/wine-quality/predict", "{\"instances\":[" + ROW + "]}");
        post("/models/wine-quality/predict", "{\"instances\":[]}");
        JsonNode metrics = json(get("/metrics", operator)).path("predict");
        assertThat(metrics.path("totalRequests").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.path("errors").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.path("latencyMillis").path("p99").asDouble()).isGreaterThan(0);
        assertThat(get("/metrics", customer).status()).isEqualTo(403);
        HttpResponse tenantAdmin = get("/metrics", admin);
        assertThat(tenantAdmin.status()).isEqualTo(200);
        JsonNode share = json(tenantAdmin);
        assertThat(share.path("tenant").asText()).isEqualTo("acme");
        assertThat(share.has("predict")).as("the predict summary counts every tenant").isFalse();
        assertThat(share.path("metrics").path("predict_requests_total")).anySatisfy(series ->
                assertThat(series.path("labels").path("outcome").asText()).isEqualTo("ok"));
    }

    @Test
    void dotSegmentsAndNamesOutsideThePatternAre404Problems() {
        String body = "{\"instances\":[" + ROW + "]}";
        for (String path : List.of("/models/%2e%2e/predict", "/models/%2E/predict", "/models/..%2f..%2fkeys/predict",
                "/models/wine-quality/versions/%2e%2e/predict", "/models/wine-quality/versions/%2e/predict",
                "/models/x.meta/predict", "/models/wine-quality/versions/1.0.0.meta/predict",
                "/models/" + "a".repeat(65) + "/predict", "/models/Wine-Quality/predict")) {
            HttpResponse response = post(path, body);
            assertThat(response.status()).as(path + " " + response.bodyText()).isEqualTo(404);
            assertThat(response.headers().first("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }
}
