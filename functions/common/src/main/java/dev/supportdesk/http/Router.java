package dev.supportdesk.http;

import dev.supportdesk.domain.DomainException;
import dev.supportdesk.domain.Unavailable;
import dev.supportdesk.ports.TransientFailures;
import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.Identity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import dev.supportdesk.telemetry.LogContext;
import dev.supportdesk.telemetry.Metrics;
import dev.supportdesk.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches neutral HTTP requests to routes. It owns the behaviour every runtime must share:
 * 404/405 for unknown routes, the body size limit, authentication, and turning every failure into
 * a problem response, so that no input ever produces a stack trace. Every request is counted and
 * timed through {@link Telemetry} by route template (never the raw path), method and status class.
 */
public final class Router implements Function<HttpRequest, HttpResponse> {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final int maxBodyBytes;
    private final Telemetry telemetry;
    private final TransientFailures transientFailures;

    public Router(List<Route> routes, int maxBodyBytes) {
        this(routes, maxBodyBytes, Telemetry.noop());
    }

    public Router(List<Route> routes, int maxBodyBytes, Telemetry telemetry) {
        this(routes, maxBodyBytes, telemetry, TransientFailures.none());
    }

    public Router(List<Route> routes, int maxBodyBytes, Telemetry telemetry, TransientFailures transientFailures) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
        this.telemetry = telemetry;
        this.transientFailures = transientFailures;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        String tenantBefore = LogContext.tenant();
        try {
            return measured(request);
        } finally {
            LogContext.restoreTenant(tenantBefore); // the caller's tenant belongs to this request only
        }
    }

    private HttpResponse measured(HttpRequest request) {
        long start = System.nanoTime();
        String[] template = {Metrics.UNMATCHED};
        HttpResponse response = handle(request, template);
        String method = route(template[0]) ? request.method() : "other";
        String statusClass = Metrics.statusClass(response.status());
        long nanos = System.nanoTime() - start;
        telemetry.countAndObserve(Metrics.API_REQUESTS, Metrics.API_REQUEST_DURATION, nanos / 1e9,
                template[0], method, statusClass);
        if (log.isDebugEnabled()) {
            // the route template, never the path (ids) nor a header, the query or the body
            log.debug("{} {} -> {} in {} us", method, template[0], response.status(), nanos / 1000);
        }
        return response;
    }

    /** Whether {@code template} is one of this router's (so the request's method is one of its, too). */
    private static boolean route(String template) {
        return !Metrics.UNMATCHED.equals(template);
    }

    private HttpResponse handle(HttpRequest request, String[] template) {
        String instance = request.rawPath();
        try {
            return dispatch(request, template);
        } catch (ApiException e) {
            return Problems.response(e, instance);
        } catch (DomainException e) {
            return Problems.response(e, instance);
        } catch (RuntimeException e) {
            Optional<Unavailable> unavailable = transientFailures.classify(e);
            if (unavailable.isPresent()) {
                log.warn("dependency unavailable on {} {}: {}", request.method(), template[0], e.toString());
                return Problems.response(unavailable.get(), instance);
            }
            String reference = UUID.randomUUID().toString();
            log.error("unhandled failure on {} {} (reference {})", request.method(), request.rawPath(), reference, e);
            return Problems.response(ProblemType.INTERNAL,
                    "the server failed to handle this request; reference " + reference, instance);
        }
    }

    private HttpResponse dispatch(HttpRequest request, String[] template) {
        Set<String> allowedMethods = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(request.rawPath());
            if (variables.isEmpty()) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                allowedMethods.add(route.method());
                continue;
            }
            template[0] = route.template();
            return invoke(route, request, variables.get());
        }
        if (!allowedMethods.isEmpty()) {
            throw new ApiException(ProblemType.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " is not allowed on " + request.rawPath() + "; use "
                            + String.join(", ", allowedMethods),
                    Map.of("Allow", String.join(", ", allowedMethods)));
        }
        throw ApiException.notFound("no route matches " + request.method() + " " + request.rawPath());
    }

    private HttpResponse invoke(Route route, HttpRequest request, Map<String, String> variables) {
        Identity identity = null;
        if (route.authenticated()) {
            identity = switch (request.caller()) {
                case Caller.Authenticated authenticated -> {
                    LogContext.tenant(authenticated.identity().tenant());
                    yield authenticated.identity();
                }
                case Caller.Anonymous anonymous -> throw new ApiException(ProblemType.UNAUTHORIZED,
                        anonymous.reason(), Map.of("WWW-Authenticate", "Bearer"));
            };
        }
        if (request.body().length > maxBodyBytes) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "the request body exceeds the limit of " + maxBodyBytes + " bytes");
        }
        return route.handler().handle(new ApiCall(request, variables, identity));
    }

    /** The (method, template) pairs this router serves, for checks against the OpenAPI document. */
    public List<String> signatures() {
        List<String> signatures = new ArrayList<>();
        routes.forEach(route -> signatures.add(route.method() + " " + route.template()));
        return signatures;
    }
}
