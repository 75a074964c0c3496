package dev.supportdesk.config;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.http.Router;
import dev.supportdesk.identity.ClaimsMapper;
import dev.supportdesk.ports.TransientFailures;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** {@link HttpApiConfiguration} as functional registrations: the claims mapping and the {@value FunctionNames#API} function. */
public class HttpApiFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        if (context.containsBeanDefinition(FunctionNames.API)) {
            return; // imported by more than one family
        }
        Functional.properties(context, "supportdesk", SupportdeskProperties.class);
        context.registerBean("claimsMapper", ClaimsMapper.class, () -> {
            SupportdeskProperties properties = context.getBean(SupportdeskProperties.class);
            return new ClaimsMapper(properties.auth().tenantClaim(), properties.auth().rolesClaim(),
                    properties.auth().operatorRole());
        });
        Functional.<HttpRequest, HttpResponse>function(context, FunctionNames.API, HttpRequest.class, HttpResponse.class, () -> {
            List<Route> routes = new ArrayList<>(HealthRoutes.routes());
            context.getBeanProvider(RouteSet.class).orderedStream().forEach(family -> routes.addAll(family.routes()));
            return new Router(routes, context.getBean(SupportdeskProperties.class).maxBodyBytes(),
                    Functional.telemetry(context),
                    context.getBeanProvider(TransientFailures.class).getIfAvailable(TransientFailures::none));
        });
    }
}
