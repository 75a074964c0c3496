package dev.supportdesk.config;

import dev.supportdesk.http.Route;
import dev.supportdesk.http.Router;
import dev.supportdesk.predict.PredictRoutes;
import dev.supportdesk.tickets.TicketRoutes;
import dev.supportdesk.tickets.TicketService;
import dev.supportdesk.workflow.WorkflowRoutes;
import java.util.ArrayList;
import java.util.List;

/** The whole HTTP API of the core, assembled from the feature families. */
public final class ApiRouter {

    private ApiRouter() {
    }

    public static Router create(TicketService tickets, PredictRoutes predict, WorkflowRoutes workflow,
                                int maxBodyBytes) {
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        routes.addAll(new TicketRoutes(tickets).routes());
        routes.addAll(predict.routes());
        routes.addAll(workflow.routes());
        return new Router(routes, maxBodyBytes);
    }
}
