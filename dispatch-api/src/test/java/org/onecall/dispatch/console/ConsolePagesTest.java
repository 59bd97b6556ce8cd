package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.resource.StaticResourceConfiguration;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.ResourceListsTestBase;

/**
 * The web pages over plain HTTP: public static files with a strict Content-Security-Policy, while
 * the API stays closed to anyone without a session or token, and a page session's state changes
 * need the CSRF header.
 */
class ConsolePagesTest extends ResourceListsTestBase {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "application/javascript",
            "css", "text/css", "svg", "image/svg+xml", "json", "application/json");

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;

    private final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyPageFileIsPublicWithItsTypeAndTheStrictPolicy() throws Exception {
        List<String> files = pageFiles();
        assertTrue(files.size() >= 15, "pages, scripts and styles: " + files);
        for (String file : files) {
            HttpResponse<String> r = get("/console/" + file, Map.of());
            assertEquals(200, r.statusCode(), file);
            String extension = file.substring(file.lastIndexOf('.') + 1);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(TYPES.get(extension)),
                    file + " is served as " + r.headers().firstValue("Content-Type"));
            assertEquals(POLICY, r.headers().firstValue("Content-Security-Policy").orElse(null), file);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), file);
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(null), file);
        }
        assertEquals(404, get("/console/no-such-page.html", Map.of()).statusCode());
    }

    @Test
    void theBareAddressesLeadToTheConsole() throws Exception {
        HttpResponse<String> root = get("/", Map.of());
        assertEquals(303, root.statusCode());
        assertEquals("/console/", root.headers().firstValue("Location").orElse(null));
        for (String path : List.of("/console/", "/console")) {
            HttpResponse<String> start = get(path, Map.of());
            assertEquals(200, start.statusCode(), path);
            assertTrue(start.body().contains("/console/js/pages/home.js"), path + ": " + start.body());
        }
    }

    @Test
    void theApiStaysClosedToAVisitorOfThePages() throws Exception {
        for (String path : List.of("/api/communities", "/api/needs/1", "/api/auth/me", "/api/imports/x")) {
            assertEquals(401, get(path, Map.of()).statusCode(), path);
        }
    }

    @Test
    void onlyFilesUnderPublicAreServedAndNoPathEscapesThem() throws Exception {
        for (StaticResourceConfiguration config : context.getBeansOfType(StaticResourceConfiguration.class)) {
            if (config.isEnabled()) {
                String mapping = config.getMapping();
                assertEquals("/console/**", mapping, "static mappings: only the pages");
            }
        }
        for (String path : List.of("/console/../application-dispatch.yml", "/console/%2e%2e/application-dispatch.yml",
                "/console/..%2fapplication-dispatch.yml", "/console/%2e%2e%2f%2e%2e%2flogback.xml",
                "/console/../../org/onecall/dispatch/DispatchApi.class", "/console/..%5capplication-dispatch.yml")) {
            String answer = raw(path);
            assertTrue(answer.startsWith("HTTP/1.1 404"), path + " -> " + answer.lines().findFirst().orElse(""));
            assertFalse(answer.contains("datasources") || answer.contains("<configuration"), path);
        }
    }

    /** Pages hold no inline script, style or event handler (the policy would block them), and no HTML sinks. */
    @Test
    void pagesUseNoInlineScriptStyleOrHtmlSinks() throws Exception {
        Path root = publicRoot();
        for (String file : pageFiles()) {
            String text = Files.readString(root.resolve(file));
            if (file.endsWith(".html")) {
                Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(text);
                while (scripts.find()) {
                    // the pages' modules, or a library from its WebJar (served under /console/ too)
                    assertTrue(scripts.group(1).contains("src=\"/console/js/")
                            || scripts.group(1).contains("src=\"/console/chart.js/"), file + ": inline script " + scripts.group());
                }
                assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(text).find(),
                        file + " has inline style or an event handler attribute");
                assertTrue(text.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), file);
                assertTrue(text.contains("<meta charset=\"utf-8\">"), file);
                // until the page's script has attached its handlers nothing can be submitted natively
                // (a form without a handler would put a password into the address)
                Matcher submits = Pattern.compile("<button type=\"submit\"[^>]*>").matcher(text);
                while (submits.find()) {
                    assertTrue(submits.group().contains(" disabled"), file + ": " + submits.group());
                }
            }
            if (file.endsWith(".js")) {
                assertFalse(Pattern.compile("\\.(innerHTML|outerHTML)\\s*=|insertAdjacentHTML|document\\.write|\\beval\\(|new Function")
                        .matcher(text).find(), file + " writes HTML from strings or evaluates code");
            }
        }
    }

    @Test
    void aPageSessionNeverHandsTheTokenToScriptAndItsStateChangesNeedTheCsrfHeader() throws Exception {
        String community = newCommunity();
        post("/api/accounts", Map.of("username", "coordinator-csrf", "displayName", "张书记", "role", "COORDINATOR",
                "communities", List.of(community), "password", "a long enough password"));
        HttpResponse<String> in = plain.send(HttpRequest.newBuilder(uri("/api/auth/login?session=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"coordinator-csrf\",\"password\":\"a long enough password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, in.statusCode(), in.body());
        assertFalse(in.body().contains("accessToken"), "the token is only in the HttpOnly cookie: " + in.body());
        assertTrue(in.body().contains("\"username\":\"coordinator-csrf\""), in.body());
        String session = cookie(in, "ONECALL_SESSION");
        String csrf = cookie(in, "XSRF-TOKEN");

        byte[] csv = ("姓名,手机号,技能,纬度,经度\n张三,13800000000,送餐,39.7,116.3\n").getBytes(StandardCharsets.UTF_8);
        String importPath = "/api/communities/" + community + "/imports/volunteers?dryRun=true&fileName=a.csv";
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri(importPath)).header("Content-Type", "text/csv")
                .header("Cookie", "ONECALL_SESSION=" + session + "; XSRF-TOKEN=" + csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("CSRF"), forged.body());

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(importPath)).header("Content-Type", "text/csv")
                .header("Cookie", "ONECALL_SESSION=" + session + "; XSRF-TOKEN=" + csrf)
                .header("X-XSRF-TOKEN", csrf + "0").POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertEquals(403, wrong.statusCode(), wrong.body());

        HttpResponse<String> genuine = send(HttpRequest.newBuilder(uri(importPath)).header("Content-Type", "text/csv")
                .header("Cookie", "ONECALL_SESSION=" + session + "; XSRF-TOKEN=" + csrf)
                .header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertEquals(202, genuine.statusCode(), genuine.body());

        // reading needs no header; signing out is a state change like any other
        assertEquals(200, get("/api/auth/me", Map.of("Cookie", "ONECALL_SESSION=" + session)).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(uri("/api/auth/logout"))
                .header("Cookie", "ONECALL_SESSION=" + session).POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    static List<String> pageFiles() throws IOException {
        Path root = publicRoot();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = new ArrayList<>();
            files.filter(Files::isRegularFile).forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
            return names;
        }
    }

    static Path publicRoot() {
        try {
            return Path.of(ConsolePagesTest.class.getResource("/public/console/index.html").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    /** Exactly these bytes on the wire: HTTP clients would tidy the dots away before sending. */
    private String raw(String path) throws IOException {
        try (Socket socket = new Socket("localhost", server.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
