package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.onecall.events.EventJson;

/** The demo's staff accounts, one per level of the ladder, sign in with the demo password and reach what README says. */
@MicronautTest(environments = "dispatch", transactional = false)
class DemoAccountsTest extends SecuredApiTest {

    private static final String DEMO = "xinghua-nanli";

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.demo.enabled", "true", "onecall.security.auth-requests-per-minute", "1000");
    }

    @Test
    void each_demo_account_reaches_its_level() throws Exception {
        String street = signIn("street-chen");
        JsonNode me = json(send(HttpRequest.GET("/api/auth/me"), street));
        assertEquals("qingyuan", me.get("street").asText());
        assertEquals("[\"" + DEMO + "\"]", me.get("streetCommunities").toString());
        // the street's coordinator reaches the demo community through its street alone
        assertEquals(12, households(street).size());
        assertEquals(200, send(HttpRequest.GET("/api/communities/" + DEMO + "/needs"), street).getStatus().getCode());

        // the grid leader of grid-1 finds the three households of grid-1 (of the twelve)
        String leader = signIn("gridleader-li");
        assertEquals("[\"grid-1\"]", json(send(HttpRequest.GET("/api/auth/me"), leader)).get("grids").toString());
        Set<Long> mine = households(leader);
        assertEquals(3, mine.size(), mine.toString());
        assertEquals(12, households(signIn("coordinator-zhang")).size());
        // the household of 李爷爷 (grid-2) is not the grid leader's
        String found = send(HttpRequest.GET("/api/households?phone=01069200004"), leader).body();
        assertEquals("[]", found);
        assertTrue(send(HttpRequest.GET("/api/households?phone=01069200004"), signIn("operator-wang")).body()
                .contains("李爷爷"));
    }

    private Set<Long> households(String token) throws Exception {
        HttpResponse<String> r = send(HttpRequest.GET("/api/households?communityId=" + DEMO + "&limit=50&q="
                + URLEncoder.encode("兴华南里", StandardCharsets.UTF_8)), token);
        Set<Long> ids = new TreeSet<>();
        json(r).forEach(h -> ids.add(h.get("id").asLong()));
        return ids;
    }

    private String signIn(String username) throws Exception {
        return json(send(HttpRequest.POST("/api/auth/login", Map.of("username", username,
                "password", "onecall-demo-2026")), "none")).get("accessToken").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.getStatus().getCode(), response.body());
        return EventJson.MAPPER.readTree(response.body());
    }
}
