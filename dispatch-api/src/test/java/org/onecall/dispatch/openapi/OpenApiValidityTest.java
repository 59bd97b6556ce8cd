package org.onecall.dispatch.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document is valid for the tools that read it: swagger-parser finds no error,
 * and every schema pattern is an ECMA-262 regex (what OpenAPI tools and generated clients use), not a
 * Java-only one such as {@code \p{Cntrl}} or {@code \p{Cs}}.
 */
class OpenApiValidityTest extends DispatchTest {

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Test
    void theServedDocumentValidates() throws Exception {
        String yaml = served();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(),
                () -> "the OpenAPI document has errors: " + result.getMessages());
        assertTrue(result.getOpenAPI().getPaths().size() > 20, "the document describes the API");
    }

    @Test
    void everyPatternIsAnEcmaScriptRegex() throws Exception {
        List<String> patterns = new ArrayList<>();
        collect(new Yaml().load(served()), patterns);
        assertTrue(patterns.size() >= 5, "the document has the request patterns: " + patterns);
        for (String p : patterns) {
            assertEquals(null, EcmaRegex.problem(p), () -> "pattern " + p);
            Pattern.compile(p);
        }
    }

    @Test
    void theCheckRefusesJavaOnlyRegexes() {
        for (String javaOnly : List.of("[^\\p{Cntrl}]*", "[^\\x00\\p{Cs}]*", "\\Aabc\\z", "a*+", "(?>a)", "[a-z&&[^b]]",
                "\\Qa.b\\E", "\\x{1F600}", "(?i)abc")) {
            assertTrue(EcmaRegex.problem(javaOnly) != null, javaOnly);
        }
        assertEquals(null, EcmaRegex.problem("\\+?[0-9 ()-]{5,20}"));
    }

    private String served() throws Exception {
        URI uri = context.getBean(EmbeddedServer.class).getURI().resolve(OpenApiController.PATH);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<String> patterns) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("pattern".equals(k) && v instanceof String s) {
                    patterns.add(s);
                } else {
                    collect(v, patterns);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, patterns));
        }
    }

    /**
     * The constructs java.util.regex accepts and ECMA-262 (in the unicode mode JSON Schema tools use)
     * refuses or reads differently. Deliberately strict: a pattern that needs one of these should be
     * written another way (an explicit range, a check in code).
     */
    static final class EcmaRegex {

        private static final Pattern JAVA_ONLY = Pattern.compile(
                "\\\\[pP]\\{|\\\\[AZzhHRQEGX]|\\\\x\\{|[*+?}]\\+|\\(\\?[>a-zA-Z]|&&");

        static String problem(String regex) {
            var m = JAVA_ONLY.matcher(regex);
            return m.find() ? "uses the Java-only construct '" + m.group() + "'" : null;
        }
    }
}
