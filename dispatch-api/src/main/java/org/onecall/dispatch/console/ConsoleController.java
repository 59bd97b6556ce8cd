package org.onecall.dispatch.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The web pages are static files under classpath {@code public/console} (plain HTML, CSS and
 * JavaScript modules; see application-dispatch.yml), served at {@code /console/} ({@code /console}
 * serves the same start page). This route only sends a visitor who types the bare address there.
 * (A route for {@code /console} cannot do it: the router matches it for {@code /console/} as well,
 * which would redirect to itself.)
 */
@Controller
@Hidden // a redirect for people, not part of the API
class ConsoleController {

    static final URI CONSOLE = URI.create("/console/");

    @Get("/")
    HttpResponse<?> root() {
        return HttpResponse.seeOther(CONSOLE);
    }
}
