package org.onecall.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api.Reply;

/**
 * Generated from the served OpenAPI document (issue 11): every operation with a JSON body gets the
 * shapes callers get wrong or attackers try, and every enum query value gets a value outside it.
 * Each answer must be a 400 problem+json naming the field, and no table may gain or lose a row. A new
 * endpoint is covered as soon as it is in the document. Runs with an admin's token, who may call
 * every route; the table of shapes and answers is written to target/hostile-input.md.
 */
class HostileInputTest extends DispatchTest {

    static final String PROBLEM = "application/problem+json";
    static final String UNKNOWN = "zzNotAField";

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Map<String, Integer>> table = new TreeMap<>();
    private String community;
    private OpenAPI spec;

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    /** Sign-in's per-address budget would answer 429 long before the shapes are all sent. */
    @Override
    protected Map<String, String> settings() {
        return Map.of("onecall.security.auth-requests-per-minute", "100000");
    }

    @BeforeAll
    void theDocument() throws Exception {
        community = api.community();
        api.household(community);
        URI uri = context.getBean(EmbeddedServer.class).getURI().resolve("/openapi/onecall.yml");
        String yaml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        spec = new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
    }

    @Test
    void everyOperationRefusesHostileInputNamingTheFieldAndWritesNothing() throws Exception {
        Map<String, Long> before = db.everyTable();
        int operations = 0;
        for (Map.Entry<String, PathItem> path : spec.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                String method = op.getKey().name();
                String url = fill(path.getKey(), op.getValue());
                Operation operation = op.getValue();
                queryEnums(method, url, path.getKey(), operation);
                Schema<?> body = jsonBody(operation);
                if (body != null) {
                    operations++;
                    bodies(method, url, path.getKey(), body);
                }
            }
        }
        writeTable();
        assertTrue(operations >= 30, "the document lists the JSON operations: " + operations);
        assertEquals(List.of(), failures, () -> failures.size() + " hostile inputs were not refused properly");
        assertEquals(before, db.everyTable(), "a refused call wrote something");
    }

    private void bodies(String method, String url, String template, Schema<?> schema) {
        String op = method + " " + template;
        for (String notAnObject : List.of("123", "true", "[1]", "\"x\"", "null")) {
            expect(op, "non-object body " + notAnObject, method, url, notAnObject, "body");
        }
        expect(op, "unknown field", method, url, "{\"" + UNKNOWN + "\": 1}", UNKNOWN);
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        for (Map.Entry<String, Schema> p : properties.entrySet()) {
            String name = p.getKey();
            String type = type(p.getValue());
            String good = sample(p.getValue());
            expect(op, "duplicate key", method, url, "{\"" + name + "\": " + good + ", \"" + name + "\": " + good + "}",
                    name);
            switch (type) {
                case "string" -> {
                    expect(op, "lone surrogate", method, url, "{\"" + name + "\": \"a\\ud800b\"}", name);
                    expect(op, "number for text", method, url, "{\"" + name + "\": 91}", name);
                    expect(op, "boolean for text", method, url, "{\"" + name + "\": true}", name);
                }
                case "integer" -> {
                    expect(op, "text for a number", method, url, "{\"" + name + "\": \"39\"}", name);
                    expect(op, "huge number", method, url, "{\"" + name + "\": 9223372036854775808}", name);
                    expect(op, "NaN", method, url, "{\"" + name + "\": NaN}", name);
                }
                case "number" -> {
                    expect(op, "text for a number", method, url, "{\"" + name + "\": \"39.7\"}", name);
                    expect(op, "huge number", method, url, "{\"" + name + "\": 1e400}", name);
                    expect(op, "NaN", method, url, "{\"" + name + "\": NaN}", name);
                }
                case "boolean" -> expect(op, "text for a boolean", method, url, "{\"" + name + "\": \"true\"}", name);
                default -> expect(op, "text for a list or object", method, url, "{\"" + name + "\": \"x\"}", name);
            }
        }
    }

    private void queryEnums(String method, String url, String template, Operation operation) {
        if (operation.getParameters() == null || !"GET".equals(method)) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            Schema<?> s = p.getSchema();
            Schema<?> values = s != null && s.getItems() != null ? s.getItems() : s;
            if ("query".equals(p.getIn()) && values != null && values.getEnum() != null && !values.getEnum().isEmpty()) {
                Reply reply = api.get(url + "?" + p.getName() + "=BOGUS");
                record(method + " " + template, "enum query value outside the list", reply, p.getName(), "?"
                        + p.getName() + "=BOGUS");
            }
        }
    }

    private void expect(String op, String shape, String method, String url, String body, String field) {
        record(op, shape, api.sendJson(method, url, body), field, body);
    }

    private void record(String op, String shape, Reply reply, String field, String sent) {
        table.computeIfAbsent(shape, s -> new TreeMap<>()).merge(String.valueOf(reply.status()), 1, Integer::sum);
        boolean ok = reply.status() == 400 && PROBLEM.equals(reply.contentType()) && reply.fields().contains(field);
        if (!ok) {
            failures.add(op + " [" + shape + "] " + sent + " -> " + reply.status() + " " + reply.raw());
        }
    }

    private void writeTable() throws Exception {
        StringBuilder md = new StringBuilder("| shape sent | answers (status: count) |\n|---|---|\n");
        table.forEach((shape, counts) -> md.append("| ").append(shape).append(" | ").append(counts).append(" |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile-input.md"), md + "\nfailures:\n" + String.join("\n", failures));
    }

    /** Path variables get values of the right kind; the body is read before any of them is looked up. */
    private String fill(String template, Operation operation) {
        String url = template.replace("{communityId}", community).replace("{username}", "admin");
        if (operation.getParameters() != null) {
            for (Parameter p : operation.getParameters()) {
                if ("path".equals(p.getIn()) && p.getSchema() != null && p.getSchema().getEnum() != null) {
                    url = url.replace("{" + p.getName() + "}", String.valueOf(p.getSchema().getEnum().get(0)));
                }
            }
        }
        return url.replaceAll("\\{[^}]*}", "1");
    }

    private static Schema<?> jsonBody(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    private static String type(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().iterator().next();
        }
        return s.getProperties() != null ? "object" : "unknown";
    }

    private static String sample(Schema<?> s) {
        return switch (type(s)) {
            case "string" -> s.getEnum() != null && !s.getEnum().isEmpty() ? "\"" + s.getEnum().get(0) + "\"" : "\"x\"";
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            case "array" -> "[]";
            default -> "{}";
        };
    }
}
