package org.onecall.dispatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.events.EventJson;
import org.onecall.testsupport.TestTokens;

/**
 * Accounts at each level of the ladder street → community → grid: what an admin may create, what
 * the token and {@code /api/auth/me} carry, and what the signed-in account then reaches.
 */
@MicronautTest(environments = "dispatch", transactional = false)
class ScopeLevelsTest extends SecuredApiTest {

    private static final String PASSWORD = "a long enough password";

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.auth-requests-per-minute", "1000");
    }

    @Test
    void an_account_names_only_a_street_communities_and_grids_that_exist() {
        post("/api/streets", Map.of("id", "levels-s", "name", "清源街道"));
        post("/api/communities", Map.of("id", "levels-a", "name", "兴华南里", "street", "levels-s"));
        post("/api/communities", Map.of("id", "levels-b", "name", "康庄"));
        post("/api/communities/levels-a/grids", Map.of("code", "grid-1", "name", "第一网格"));

        assertRefused(422, "street", account("x-street", "COORDINATOR", List.of(), "no-such-street", null));
        assertRefused(422, "communities[1]", account("x-community", "OPERATOR", List.of("levels-a", "no-such"), null, null));
        assertRefused(422, "grids[1]", account("x-grid", "COORDINATOR", List.of("levels-a"), null, List.of("grid-1", "grid-9")));
        // grid-1 exists in levels-a, not in levels-b
        assertRefused(422, "grids[0]", account("x-grid-b", "COORDINATOR", List.of("levels-b"), null, List.of("grid-1")));
        assertRefused(422, "grids", account("x-grid-op", "OPERATOR", List.of("levels-a"), null, List.of("grid-1")));
        assertRefused(422, "grids", account("x-grid-two", "COORDINATOR", List.of("levels-a", "levels-b"), null,
                List.of("grid-1")));
        assertRefused(400, "communities", account("x-nothing", "OPERATOR", List.of(), null, null));
        assertRefused(400, "street", account("x-street-blank", "OPERATOR", List.of(), "x".repeat(65), null));
        assertRefused(422, "street", send(HttpRequest.POST("/api/communities", Map.of("id", "levels-c", "name", "C",
                "street", "no-such-street")), TestTokens.admin()));

        assertEquals(201, account("street-ok", "OPERATOR", List.of(), "levels-s", null).getStatus().getCode());
        assertEquals(201, account("grid-ok", "COORDINATOR", List.of("levels-a"), null, List.of("grid-1")).getStatus().getCode());
        String accounts = send(HttpRequest.GET("/api/accounts"), TestTokens.admin()).body();
        assertTrue(accounts.contains("\"username\":\"street-ok\"") && accounts.contains("\"street\":\"levels-s\""), accounts);
        assertTrue(accounts.contains("\"grids\":[\"grid-1\"]"), accounts);
        assertTrue(!accounts.contains("x-grid"), "refused accounts were not half-written: " + accounts);
    }

    @Test
    void a_street_coordinator_signs_in_and_serves_a_community_put_on_the_street_later() throws Exception {
        post("/api/streets", Map.of("id", "street-s", "name", "林校路街道"));
        post("/api/streets", Map.of("id", "street-t", "name", "兴丰街道"));
        post("/api/communities", Map.of("id", "street-a", "name", "A", "street", "street-s"));
        post("/api/communities", Map.of("id", "street-far", "name", "F", "street", "street-t"));
        assertEquals(201, account("chen", "COORDINATOR", List.of(), "street-s", null).getStatus().getCode());
        String token = signIn("chen");

        JsonNode me = json(send(HttpRequest.GET("/api/auth/me"), token));
        assertEquals("street-s", me.get("street").asText());
        assertEquals("显示名 chen", me.get("displayName").asText(), "the pages call the person by name");
        assertEquals("[\"street-a\"]", me.get("streetCommunities").toString());
        assertEquals(200, send(HttpRequest.GET("/api/communities/street-a/needs"), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/communities/street-far/needs"), token).getStatus().getCode());

        // created after the account signed in: served with the same token
        post("/api/communities", Map.of("id", "street-b", "name", "B", "street", "street-s"));
        long household = id(post("/api/communities/street-b/households", Map.of("headName", "赵大爷",
                "phone", "13900030001", "building", "1号楼", "address", "1号楼101", "lat", 39.7, "lon", 116.3)));
        assertEquals(200, send(HttpRequest.GET("/api/communities/street-b/needs"), token).getStatus().getCode());
        assertEquals(200, send(HttpRequest.GET("/api/households/" + household), token).getStatus().getCode());
        HttpResponse<String> need = send(HttpRequest.POST("/api/needs", Map.of("householdId", household,
                "category", "MEALS", "urgency", "TODAY", "description", "送餐")), token);
        assertEquals(201, need.getStatus().getCode(), need.body());
        assertTrue(send(HttpRequest.GET("/api/households?phone=13900030001"), token).body()
                .contains("\"id\":" + household));
        assertEquals("[\"street-a\",\"street-b\"]",
                json(send(HttpRequest.GET("/api/auth/me"), token)).get("streetCommunities").toString());
        List<String> listed = new ArrayList<>();
        json(send(HttpRequest.GET("/api/communities"), token)).forEach(c -> listed.add(c.get("id").asText()));
        assertEquals(List.of("street-a", "street-b"), listed);
    }

    @Test
    void a_grid_leader_signs_in_with_their_grids_in_the_token() throws Exception {
        post("/api/communities", Map.of("id", "grid-c", "name", "兴华南里"));
        post("/api/communities/grid-c/grids", Map.of("code", "grid-1", "name", "第一网格"));
        post("/api/communities/grid-c/grids", Map.of("code", "grid-2", "name", "第二网格"));
        long mine = id(post("/api/communities/grid-c/households", Map.of("headName", "钱奶奶", "phone", "13900040001",
                "building", "2号楼", "address", "2号楼1单元502", "grid", "grid-1", "lat", 39.7, "lon", 116.3)));
        long theirs = id(post("/api/communities/grid-c/households", Map.of("headName", "孙阿姨", "phone", "13900040002",
                "building", "3号楼", "address", "3号楼3单元101", "grid", "grid-2", "lat", 39.7, "lon", 116.3)));
        assertEquals(201, account("leader-li", "COORDINATOR", List.of("grid-c"), null, List.of("grid-1")).getStatus().getCode());
        HttpResponse<String> in = send(HttpRequest.POST("/api/auth/login", Map.of("username", "leader-li", "password", PASSWORD)),
                "none");
        JsonNode issued = json(in);
        assertEquals("[\"grid-1\"]", issued.get("grids").toString());
        String token = issued.get("accessToken").asText();
        assertEquals("[\"grid-1\"]", json(send(HttpRequest.GET("/api/auth/me"), token)).get("grids").toString());

        assertEquals(200, send(HttpRequest.GET("/api/households/" + mine), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/households/" + theirs), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/households/" + theirs + "/diary"), token).getStatus().getCode());
        HttpResponse<String> need = send(HttpRequest.POST("/api/needs", Map.of("householdId", mine, "category", "MEALS",
                "urgency", "TODAY", "description", "送餐")), token);
        assertEquals(201, need.getStatus().getCode(), need.body());
        HttpResponse<String> call = send(HttpRequest.POST("/api/calls", Map.of("householdId", theirs,
                "needs", List.of(Map.of("category", "MEALS", "urgency", "TODAY", "description", "送餐")))), token);
        assertEquals(403, call.getStatus().getCode(), call.body());
        // community-wide resources: read, not changed
        assertEquals(200, send(HttpRequest.GET("/api/communities/grid-c/volunteers"), token).getStatus().getCode());
        assertEquals(403, send(HttpRequest.POST("/api/communities/grid-c/volunteers", Map.of("name", "志愿者",
                "phone", "13800040001", "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3, "maxConcurrentJobs", 2,
                "onDuty", true)), token).getStatus().getCode());
    }

    private HttpResponse<String> account(String username, String role, List<String> communities, String street,
                                         List<String> grids) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "显示名 " + username, "role", role,
                "communities", communities, "password", PASSWORD));
        if (street != null) {
            body.put("street", street);
        }
        if (grids != null) {
            body.put("grids", grids);
        }
        return send(HttpRequest.POST("/api/accounts", body), TestTokens.admin());
    }

    private String signIn(String username) throws Exception {
        return json(send(HttpRequest.POST("/api/auth/login", Map.of("username", username, "password", PASSWORD)),
                "none")).get("accessToken").asText();
    }

    private static void assertRefused(int status, String field, HttpResponse<String> r) {
        assertEquals(status, r.getStatus().getCode(), r.body());
        assertTrue(r.getHeaders().getContentType().orElse("").contains("problem+json"), r.body());
        assertTrue(r.body().contains("\"field\":\"" + field + "\""), "expected field " + field + ": " + r.body());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.getStatus().getCode(), response.body());
        return EventJson.MAPPER.readTree(response.body());
    }
}
