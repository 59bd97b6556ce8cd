package org.onecall.dispatch.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description of dispatch-api, generated from the controllers at compile time by
 * micronaut-openapi's annotation processor, served at {@value #PATH} (public, like the health check).
 */
@OpenAPIDefinition(info = @Info(title = "OneCall dispatch-api", version = OpenApiController.VERSION,
        description = "Residents, needs, resources, offers and the case diary of OneCall."))
@Controller
@Hidden
class OpenApiController {

    static final String VERSION = "0.1";
    static final String PATH = "/openapi/onecall.yml";
    private static final String RESOURCE = "META-INF/swagger/onecall-dispatch-api-" + VERSION + ".yml";

    private final byte[] yaml;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            yaml = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = PATH, produces = "application/yaml")
    HttpResponse<byte[]> spec() {
        if (yaml == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(yaml).contentType(MediaType.of("application/yaml"));
    }
}
