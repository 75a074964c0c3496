package dev.supportdesk.config;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.http.Router;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.ports.TransientFailures;
import dev.supportdesk.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value FunctionNames#API} function: {@code GET /health} plus the routes of every family whose
 * configuration the runtime imported ({@link RouteSet} beans), and the claims mapping every runtime
 * uses to turn a verified token into an identity. The router reports through the runtime's
 * {@link Telemetry} bean, or none ({@link Telemetry#noop()}) when the runtime provides none, and answers
 * the failures the runtime's {@link TransientFailures} bean calls transient with a 503 and Retry-After.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportdeskProperties.class)
public class HttpApiConfiguration {

    @Bean
    ClaimsMapper claimsMapper(SupportdeskProperties properties) {
        return new ClaimsMapper(properties.auth().tenantClaim(), properties.auth().rolesClaim(),
                properties.auth().operatorRole());
    }

    @Bean(FunctionNames.API)
    Function<HttpRequest, HttpResponse> api(ObjectProvider<RouteSet> families, SupportdeskProperties properties,
                                            ObjectProvider<Telemetry> telemetry,
                                            ObjectProvider<TransientFailures> transientFailures) {
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        families.orderedStream().forEach(family -> routes.addAll(family.routes()));
        return new Router(routes, properties.maxBodyBytes(), telemetry.getIfAvailable(Telemetry::noop),
                transientFailures.getIfAvailable(TransientFailures::none));
    }
}
