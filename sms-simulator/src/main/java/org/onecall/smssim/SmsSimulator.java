package org.onecall.smssim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local SMS provider shaped like Alibaba Cloud's: {@code POST /} is SendSms or QuerySendDetails (signed), receipts and
 * replies are pushed to the configured URLs, {@code /admin/*} steers it (failures, delays, replies)
 * and {@code GET /} is the page of simulated phones. It is plain JDK HTTP, not Micronaut: standalone
 * runs it inside the services' JVM, where a second Micronaut context would load every service's
 * beans again (Micronaut has no bean filter).
 */
public final class SmsSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSimulator.class);
    /** Alibaba's receipt times: Beijing time without a zone. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Phones phones = new Phones();
    private final Faults faults = new Faults();
    private final Rpc rpc;
    private final AdminApi admin;
    private volatile String receiptUrl;
    private volatile String replyUrl;

    private SmsSimulator(SimSettings settings, HttpServer server) {
        this.server = server;
        this.receiptUrl = settings.receiptUrl();
        this.replyUrl = settings.replyUrl();
        Callbacks callbacks = new Callbacks(json, scheduler, settings.callbackSecret(), settings.callbackRetries());
        Clock clock = Clock.systemUTC();
        this.rpc = new Rpc(settings, new SendSms(phones, faults, callbacks, () -> receiptUrl, json, clock),
                new QuerySendDetails(phones, faults, clock), clock);
        this.admin = new AdminApi(phones, faults, callbacks, () -> replyUrl, json, clock);
    }

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    /** Starts on {@code settings.port()} (0: any free port). */
    public static SmsSimulator start(SimSettings settings) {
        // The JDK's server writes a response's head and body apart with Nagle on, so every answer waited
        // ~40 ms for the client's delayed ACK (bench/run notify: 48 ms a send, 1 ms with this). Read once,
        // when the JDK's server is first used in the JVM; a setting given on the command line wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
            SmsSimulator sim = new SmsSimulator(settings, server);
            server.setExecutor(sim.workers);
            server.createContext("/", sim::handle);
            server.start();
            return sim;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the SMS simulator could not listen on port " + settings.port(), e);
        }
    }

    public static void main(String[] args) {
        SmsSimulator sim = start(SimSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "sms-simulator-shutdown"));
        LOG.info("SMS simulator at {} (phones page: {}/)", sim.url(), sim.url());
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where SmsReport receipts go (set after start when the receiver's port is known only then). */
    public void receiptsTo(String url) {
        this.receiptUrl = url;
    }

    /** Where SmsUp replies go. */
    public void repliesTo(String url) {
        this.replyUrl = url;
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/") && method.equals("POST")) {
            Rpc.Answer answer;
            try {
                answer = rpc.handle(method, path, query, headers(exchange));
            } catch (RuntimeException e) {
                LOG.warn("SMS simulator request failed", e);
                answer = new Rpc.Answer(500, Map.of("Code", "InternalError", "Message", "internal error"));
            }
            if (answer.dropAfter() != null) {
                // closing an exchange whose headers were never sent closes the connection: no answer at all
                scheduler.schedule(exchange::close, answer.dropAfter().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            }
            try (exchange) {
                respond(exchange, answer.status(), "application/json;charset=utf-8", json.writeValueAsBytes(answer.body()));
            }
            return;
        }
        try (exchange) {
            if (path.startsWith("/admin/")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                AdminApi.Answer answer = admin.handle(method, path.substring("/admin".length()), query, body);
                respond(exchange, answer.status(), answer.status() >= 400 ? "application/problem+json;charset=utf-8"
                        : "application/json;charset=utf-8", json.writeValueAsBytes(answer.body()));
            } else if (method.equals("GET")) {
                page(exchange, path);
            } else {
                respond(exchange, 405, "text/plain;charset=utf-8", "method not allowed".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.warn("SMS simulator request failed", e);
            respond(exchange, 500, "text/plain;charset=utf-8", "internal error".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void page(HttpExchange exchange, String path) throws IOException {
        String file = switch (path) {
            case "/", "/index.html" -> "phones.html";
            case "/phones.js" -> "phones.js";
            case "/phones.css" -> "phones.css";
            default -> null;
        };
        InputStream in = file == null ? null : SmsSimulator.class.getResourceAsStream("/smssim/" + file);
        if (in == null) {
            respond(exchange, 404, "text/plain;charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (in) {
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String type = file.endsWith(".js") ? "text/javascript;charset=utf-8"
                    : file.endsWith(".css") ? "text/css;charset=utf-8" : "text/html;charset=utf-8";
            respond(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        return headers;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
