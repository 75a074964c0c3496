package dev.supportdesk.http;

import java.util.List;

/**
 * The routes one function family serves. A runtime's {@code api} function is the router over every
 * route set in its context, so a deployment that carries only some families serves only their routes.
 */
public interface RouteSet {

    List<Route> routes();
}
