package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Api;

/**
 * Wrong passwords slow down the address that sends them, never the account (issue 11): the attacker's
 * address is held back even with the right password, while the real person signing in from another
 * address gets straight in. Each side is a real TCP connection from its own loopback address.
 */
@MicronautTest(environments = "dispatch", transactional = false)
class SignInThrottleTest extends SecuredApiTest {

    static final String ATTACKER = "127.0.0.2";
    static final String STAFF = "127.0.0.3";
    static final String PASSWORD = "the admins own password";

    @Inject
    EmbeddedServer server;

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.max-failed-logins", "3", "onecall.security.auth-requests-per-minute", "1000");
    }

    @Test
    void a_stranger_guessing_is_held_back_while_the_real_person_signs_in_from_elsewhere() throws Exception {
        account("throttle-admin");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login(ATTACKER, "throttle-admin", "guess " + i).status());
        }
        Reply held = login(ATTACKER, "throttle-admin", PASSWORD);
        assertEquals(429, held.status(), held.body());
        assertTrue(held.body().contains("from your address"), held.body());
        for (int i = 0; i < 10; i++) {
            assertEquals(429, login(ATTACKER, "throttle-admin", "guess again " + i).status(),
                    "while held back, guesses are not even checked");
        }

        Reply staff = login(STAFF, "throttle-admin", PASSWORD);
        assertEquals(200, staff.status(), "another address is not slowed at all: " + staff.body());
        assertEquals(429, login(ATTACKER, "throttle-admin", PASSWORD).status(), "the attacker still waits");
    }

    @Test
    void wrong_current_passwords_on_a_password_change_count_toward_the_same_throttle() throws Exception {
        account("throttle-own");
        Reply signedIn = login(STAFF, "throttle-own", PASSWORD);
        String token = Api.parse(signedIn.body()).get("accessToken").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(400, send(ATTACKER, "PUT", "/api/auth/password", Api.json(Map.of("currentPassword",
                    "guess " + i, "newPassword", "a new password 2026")), token).status());
        }
        assertEquals(429, send(ATTACKER, "PUT", "/api/auth/password", Api.json(Map.of("currentPassword", PASSWORD,
                "newPassword", "a new password 2026")), token).status(), "the stolen session is held back");
        assertEquals(429, login(ATTACKER, "throttle-own", PASSWORD).status());
        assertEquals(200, login(STAFF, "throttle-own", PASSWORD).status(), "the owner is not");
    }

    @Test
    void unknown_usernames_are_held_back_the_same_way() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login(ATTACKER, "nobody-at-all", "guess " + i).status());
        }
        assertEquals(429, login(ATTACKER, "nobody-at-all", "guess").status(), "no hint which usernames exist");
    }

    private void account(String username) {
        post("/api/communities", Map.of("id", "c-" + username, "name", username));
        post("/api/accounts", Map.of("username", username, "displayName", username, "role", "COORDINATOR",
                "communities", List.of("c-" + username), "password", PASSWORD));
    }

    private Reply login(String from, String username, String password) throws IOException {
        return send(from, "POST", "/api/auth/login", Api.json(Map.of("username", username, "password", password)),
                null);
    }

    record Reply(int status, String body) {
    }

    /** One HTTP/1.1 request over a socket bound to {@code from}, so the server sees that source address. */
    private Reply send(String from, String method, String path, String json, String token) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String rest = split < 0 ? "" : response.substring(split + 4);
            if (response.substring(0, Math.max(0, split)).toLowerCase(java.util.Locale.ROOT)
                    .contains("transfer-encoding: chunked")) {
                StringBuilder whole = new StringBuilder();
                for (int at = 0; ; ) {
                    int eol = rest.indexOf("\r\n", at);
                    int size = Integer.parseInt(rest.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    // sizes count bytes; these bodies are ASCII JSON and problem texts read as a whole
                    whole.append(rest, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                rest = whole.toString();
            }
            return new Reply(status, rest);
        }
    }
}
