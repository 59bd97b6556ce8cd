package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo on and ONECALL_ADMIN_PASSWORD set, as a person trying the product with their own admin password
 * does: the admin signs in with that password, whichever start-up listener ran first, and the demo's staff
 * with the demo password. (The admin's password once depended on the order of the two listeners.)
 */
@MicronautTest(environments = "dispatch", transactional = false)
class DemoWithAdminPasswordTest extends SecuredApiTest {

    private static final String ADMIN_PASSWORD = "my own admin password";

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.demo.enabled", "true", "onecall.security.admin-password", ADMIN_PASSWORD,
                "onecall.security.auth-requests-per-minute", "1000");
    }

    @Test
    void the_admin_has_the_configured_password_and_the_demo_staff_the_demo_one() {
        assertEquals(200, signIn("admin", ADMIN_PASSWORD));
        assertEquals(401, signIn("admin", "onecall-demo-2026"));
        assertEquals(200, signIn("coordinator-zhang", "onecall-demo-2026"));
    }

    private int signIn(String username, String password) {
        return send(HttpRequest.POST("/api/auth/login", Map.of("username", username, "password", password)), "none")
                .getStatus().getCode();
    }
}
