package dev.supportdesk.local.http;

import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.Problems;
import dev.supportdesk.identity.Caller;
import dev.supportdesk.identity.TokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits each caller's request rate before the API sees the request: a caller with a valid token is
 * counted by tenant and subject (wherever it connects from), any other caller by its peer address.
 * Over the limit: 429 problem+json with {@code Retry-After} in whole seconds.
 */
public final class RateLimitFilter extends HttpFilter {

    private final transient TokenBuckets buckets;
    private final transient TokenVerifier verifier;

    public RateLimitFilter(TokenBuckets buckets, TokenVerifier verifier) {
        this.buckets = buckets;
        this.verifier = verifier;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Duration> wait = buckets.take(callerKey(request));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        HttpResponse problem = Problems.response(ProblemType.TOO_MANY_REQUESTS,
                "too many requests from this caller; retry after " + seconds + " s", request.getRequestURI());
        response.setStatus(problem.status());
        response.setHeader("Retry-After", Long.toString(seconds));
        problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentLength(problem.body().length);
        response.getOutputStream().write(problem.body());
    }

    private String callerKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null
                && verifier.caller(Optional.of(authorization)) instanceof Caller.Authenticated authenticated) {
            return "caller:" + authenticated.identity().tenant() + "/" + authenticated.identity().subject();
        }
        return "peer:" + request.getRemoteAddr();
    }
}
