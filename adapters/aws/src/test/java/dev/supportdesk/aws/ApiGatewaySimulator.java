package dev.supportdesk.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.QueryString;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Plays API Gateway in front of {@link HttpApiHandler}: verifies the caller's Cognito-style JWT
 * (signed with a test RSA key) as the JWT authorizer would, and builds realistic proxy events
 * (payload 2.0 or 1.0, from the recorded samples in {@code src/test/resources/events}) carrying the
 * verified claims the way the gateway flattens them.
 */
final class ApiGatewaySimulator {

    enum Format { V1, V2 }

    private static final RSAKey KEY = generateKey();

    private final HttpApiHandler handler;
    private final Format format;

    ApiGatewaySimulator(HttpApiHandler handler, Format format) {
        this.handler = handler;
        this.format = format;
    }

    /** A Cognito ID token: custom:tenant and cognito:groups, as the user pool issues them. */
    static String idToken(String subject, String tenant, Role... roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST")
                .audience("test-client").subject(subject)
                .claim("custom:tenant", tenant)
                .claim("cognito:groups", java.util.Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT)).toList())
                .claim("token_use", "id")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(KEY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    HttpResponse send(HttpRequest request) {
        if (format == Format.V1) {
            Optional<Map<String, List<String>>> query = restApiQuery(request.rawQuery());
            if (query.isEmpty()) {
                return HttpResponse.of(400, "application/json", "{\"message\":\"Bad Request\"}".getBytes(StandardCharsets.UTF_8));
            }
            return invoke(Json.bytes(v1Event(request, query.get())));
        }
        return invoke(Json.bytes(v2Event(request)));
    }

    /**
     * A REST API decodes the query itself and hands the Lambda decoded values only; a query it cannot
     * decode (a malformed escape) it answers with its own 400 before any Lambda runs.
     */
    private static Optional<Map<String, List<String>>> restApiQuery(String rawQuery) {
        try {
            return Optional.of(QueryString.decode(rawQuery));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    HttpResponse invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return response(Json.MAPPER.readTree(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode v2Event(HttpRequest request) {
        ObjectNode event = sample("apigw-v2-request.json");
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        headers.put("content-length", Integer.toString(request.body().length));
        ObjectNode context = (ObjectNode) event.get("requestContext");
        ((ObjectNode) context.get("http")).put("method", request.method()).put("path", request.rawPath());
        context.put("requestId", UUID.randomUUID().toString());
        ObjectNode claims = ((ObjectNode) context.get("authorizer").get("jwt")).putObject("claims");
        verifiedClaims(request).forEach((name, value) -> claims.put(name, flatten(value, " ", "[", "]")));
        if (claims.isEmpty()) {
            context.remove("authorizer");
        }
        putBody(event, request);
        return event;
    }

    private ObjectNode v1Event(HttpRequest request, Map<String, List<String>> query) {
        ObjectNode event = sample("apigw-v1-request.json");
        event.put("path", URLDecoder.decode(request.rawPath(), StandardCharsets.UTF_8));
        event.put("httpMethod", request.method());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        request.headers().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode array = multiHeaders.putArray(name);
            values.forEach(array::add);
        });
        if (!query.isEmpty()) {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                ArrayNode array = multi.putArray(name);
                values.forEach(array::add);
            });
        }
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("httpMethod", request.method());
        Map<String, Object> verified = verifiedClaims(request);
        if (!verified.isEmpty()) {
            ObjectNode claims = context.putObject("authorizer").putObject("claims");
            verified.forEach((name, value) -> claims.put(name, flatten(value, ",", "", "")));
        }
        putBody(event, request);
        return event;
    }

    private static void putBody(ObjectNode event, HttpRequest request) {
        if (request.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
            return;
        }
        String type = request.headers().first("Content-Type").orElse("");
        boolean text = type.contains("json") || type.startsWith("text/");
        event.put("isBase64Encoded", !text);
        event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body()));
    }

    /** What the JWT authorizer would pass on: the claims of a token with a valid signature, else none. */
    private static Map<String, Object> verifiedClaims(HttpRequest request) {
        String authorization = request.headers().first("Authorization").orElse("");
        if (!authorization.startsWith("Bearer ")) {
            return Map.of();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
            if (!jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))) {
                return Map.of();
            }
            return jwt.getJWTClaimsSet().getClaims();
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String flatten(Object value, String separator, String open, String close) {
        if (value instanceof List<?> list) {
            StringJoiner joiner = new StringJoiner(separator, open, close);
            list.forEach(item -> joiner.add(String.valueOf(item)));
            return joiner.toString();
        }
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }

    private HttpResponse response(JsonNode proxy) {
        Headers headers = new Headers();
        JsonNode multi = proxy.path("multiValueHeaders");
        if (format == Format.V1 && multi.isObject() && !multi.isEmpty()) {
            multi.properties().forEach(h -> h.getValue().forEach(v -> headers.add(h.getKey(), v.asText())));
        } else {
            proxy.path("headers").properties().forEach(h -> headers.add(h.getKey(), h.getValue().asText()));
        }
        proxy.path("cookies").forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        String body = proxy.path("body").asText("");
        byte[] bytes = proxy.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(proxy.path("statusCode").asInt(), headers, bytes);
    }

    static ObjectNode sample(String name) {
        try (InputStream in = ApiGatewaySimulator.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
