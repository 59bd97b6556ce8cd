package org.onecall.dispatch.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI description is generated from the controllers and served to anyone at /openapi/onecall.yml. */
class OpenApiTest extends DispatchTest {

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpecIsPublicAndDescribesRaisingANeedWithItsRequestSchema() throws Exception {
        // a plain client: no test token, so this is what an anonymous caller gets
        URI uri = context.getBean(EmbeddedServer.class).getURI().resolve("/openapi/onecall.yml");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));

        Map<String, Object> spec = new Yaml().load(response.body());
        assertTrue(((String) spec.get("openapi")).startsWith("3."));
        assertEquals("OneCall dispatch-api", ((Map<String, Object>) spec.get("info")).get("title"));
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        assertTrue(paths.containsKey("/api/households/{id}"));
        assertTrue(!paths.containsKey("/openapi/onecall.yml"), "the spec does not describe itself");
        assertTrue(!paths.containsKey("/"), "nor the redirect to the web pages");

        Map<String, Object> raise = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/needs")).get("post");
        assertNotNull(raise, "POST /api/needs");
        Map<String, Object> body = (Map<String, Object>) raise.get("requestBody");
        assertEquals(true, body.get("required"));
        String ref = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) body.get("content"))
                .get("application/json")).get("schema")).get("$ref");
        assertEquals("#/components/schemas/Requests.RaiseNeed", ref);

        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
        Map<String, Object> raiseNeed = (Map<String, Object>) schemas.get("Requests.RaiseNeed");
        assertTrue(((List<String>) raiseNeed.get("required"))
                .containsAll(List.of("householdId", "category", "urgency", "description")));
        assertTrue(!((List<String>) raiseNeed.get("required")).contains("takenBy"), "the owner is the signed-in caller");
        Map<String, Object> properties = (Map<String, Object>) raiseNeed.get("properties");
        assertTrue(properties.keySet().containsAll(List.of("householdId", "category", "urgency", "description", "items", "window")), properties.keySet().toString());
        assertEquals(2000, ((Map<String, Object>) properties.get("description")).get("maxLength"));
        assertTrue(schemas.containsKey("Category"), "the category enum is described");

        // an import job's reasons: the language asked for, and the codes a program reads
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/imports/{id}")).get("get");
        assertTrue(((List<Map<String, Object>>) job.get("parameters")).stream()
                .anyMatch(p -> "header".equals(p.get("in")) && "Accept-Language".equals(p.get("name"))),
                job.toString());
        Map<String, Object> rowError = (Map<String, Object>) ((Map<String, Object>) schemas.get("RowError"))
                .get("properties");
        assertTrue(rowError.keySet().containsAll(List.of("line", "column", "reason", "code", "params")),
                rowError.keySet().toString());
        assertTrue(((List<String>) ((Map<String, Object>) schemas.get("ReasonCode")).get("enum"))
                .containsAll(List.of("EMPTY", "DUPLICATE_IN_FILE", "TOO_MANY_ROWS")));
    }
}
