package dev.supportdesk.local.http;

import dev.supportdesk.config.SupportdeskProperties;
import dev.supportdesk.http.ApiCall;
import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.http.JsonBody;
import dev.supportdesk.http.QueryParams;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.Router;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.identity.InvalidTokenException;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes that exist only on the local runtime: minting tokens, and the OpenAPI document with a
 * browsable UI.
 */
public final class LocalRoutes {

    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> UI_FILES = Map.of(
            "swagger-ui.css", "text/css",
            "index.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png");

    private final TokenMinter minter;
    private final ClaimsMapper claimsMapper;
    private final SupportdeskProperties.Auth auth;
    private final Router router;
    private final String swaggerUiVersion;

    public LocalRoutes(TokenMinter minter, ClaimsMapper claimsMapper, SupportdeskProperties.Auth auth, int maxBodyBytes) {
        this.minter = minter;
        this.claimsMapper = claimsMapper;
        this.auth = auth;
        this.swaggerUiVersion = swaggerUiVersion();
        this.router = new Router(List.of(
                Route.publicRoute("POST", "/local/tokens", this::mintToken),
                Route.publicRoute("GET", "/openapi.yaml", this::openApi),
                Route.publicRoute("GET", "/docs", this::docs),
                Route.publicRoute("GET", "/docs/{file}", this::docsAsset)), maxBodyBytes);
    }

    public static boolean handles(String rawPath) {
        return rawPath.startsWith("/local/") || rawPath.equals("/openapi.yaml") || rawPath.equals("/docs")
                || rawPath.startsWith("/docs/");
    }

    public HttpResponse handle(HttpRequest request) {
        return router.apply(request);
    }

    private HttpResponse mintToken(ApiCall call) {
        QueryParams.of(call.request());
        JsonBody body = JsonBody.parse(call.request()).allowOnly("subject", "tenant", "roles", "validitySeconds");
        String subject = body.requiredString("subject", 128);
        String tenant = body.requiredString("tenant", 64);
        List<String> roles = body.requiredStringList("roles", 3);
        long maxSeconds = minter.maxValidity().toSeconds();
        Duration validity = Duration.ofSeconds(body.has("validitySeconds")
                ? body.requiredLong("validitySeconds", 1, maxSeconds) : Math.min(3600, maxSeconds));
        Set<Role> granted = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            granted.add(JsonBody.parseEnum("roles", role, Role.class, "field"));
        }
        try {
            claimsMapper.identity(Map.of("sub", subject, auth.tenantClaim(), tenant, auth.rolesClaim(), roles));
        } catch (InvalidTokenException e) {
            throw ApiException.badRequest("such a token would be refused: " + e.getMessage());
        }
        TokenMinter.MintedToken token = minter.mint(subject, tenant, granted, validity);
        return HttpResponse.json(201, Json.object()
                .put("token", token.token())
                .put("tokenType", "Bearer")
                .put("expiresAt", token.expiresAt().toString()));
    }

    private HttpResponse openApi(ApiCall call) {
        return HttpResponse.of(200, "application/yaml", resource("openapi.yaml"));
    }

    private HttpResponse docs(ApiCall call) {
        String page = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>supportdesk API</title>
                <link rel="stylesheet" href="/docs/swagger-ui.css"><link rel="icon" href="/docs/favicon-32x32.png"></head>
                <body><div id="ui"></div>
                <script src="/docs/swagger-ui-bundle.js"></script>
                <script>window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#ui"});</script>
                </body></html>
                """;
        return HttpResponse.of(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse docsAsset(ApiCall call) {
        String file = call.path("file");
        String contentType = UI_FILES.get(file);
        if (contentType == null || swaggerUiVersion == null) {
            throw ApiException.notFound("no such documentation file: " + file);
        }
        return HttpResponse.of(200, contentType, resource(SWAGGER_UI + swaggerUiVersion + "/" + file))
                .withHeader("Cache-Control", "public, max-age=86400");
    }

    private static byte[] resource(String name) {
        try (InputStream in = LocalRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw ApiException.notFound("resource " + name + " is not packaged with this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = LocalRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                return null;
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}
