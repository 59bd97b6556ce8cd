package org.onecall.dispatch.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.ResourceListsTestBase;

/**
 * A community registers each volunteer phone once and each merchant name once (V7): a duplicate,
 * of an earlier row or in a race between two creates, is a 409 naming the field, never a 500.
 */
class DuplicatesTest extends ResourceListsTestBase {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aPhoneRegisteredAgainInAnyFormIsA409NamingThePhone() {
        String c = newCommunity();
        JsonNode first = post("/api/communities/" + c + "/volunteers", volunteer("李建国", "138-0001-0001"));
        for (String again : List.of("13800010001", "+86 138 0001 0001", "0086 13800010001", "86 138-0001-0001")) {
            Problem p = refused(HttpRequest.POST("/api/communities/" + c + "/volunteers", volunteer("李二", again)));
            assertEquals(409, p.status(), again + ": " + p.body());
            assertEquals("phone", p.body().get("errors").get(0).get("field").asText(), p.body().toString());
            assertTrue(p.body().get("errors").get(0).get("reason").asText().contains("already registered"),
                    p.body().toString());
        }
        // the same person may help in a second community
        post("/api/communities/" + newCommunity() + "/volunteers", volunteer("李建国", "13800010001"));
        JsonNode list = get("/api/communities/" + c + "/volunteers");
        assertEquals(1, list.size());
        assertEquals(first.get("id"), list.get(0).get("id"));
    }

    @Test
    void aMerchantNameRegisteredAgainIsA409NamingTheName() {
        String c = newCommunity();
        post("/api/communities/" + c + "/merchants", merchant("兴华大药房"));
        Problem p = refused(HttpRequest.POST("/api/communities/" + c + "/merchants", merchant(" 兴华大药房 ")));
        assertEquals(409, p.status(), p.body().toString());
        assertEquals("name", p.body().get("errors").get(0).get("field").asText());
        assertEquals(1, get("/api/communities/" + c + "/merchants").size());
    }

    /** Eight creates of one phone (one name) at once: the constraint lets one through, the rest get a 409. */
    @Test
    void concurrentCreatesOfOnePhoneOrNameLetExactlyOneThrough() throws Exception {
        String c = newCommunity();
        for (int round = 0; round < 5; round++) {
            String phone = "1370000" + String.format("%04d", round);
            assertOneWins(c, "/api/communities/" + c + "/volunteers", volunteer("抢" + round, phone), "phone");
            assertOneWins(c, "/api/communities/" + c + "/merchants", merchant("抢先超市" + round), "name");
        }
        assertEquals(5, get("/api/communities/" + c + "/volunteers").size());
        assertEquals(5, get("/api/communities/" + c + "/merchants").size());
    }

    private void assertOneWins(String community, String path, Map<String, Object> body, String field)
            throws Exception {
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Integer>> answers = new ArrayList<>();
        List<JsonNode> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                try {
                    return http.toBlocking().exchange(HttpRequest.POST(path, body), String.class).code();
                } catch (HttpClientResponseException e) {
                    problems.add(tree(e.getResponse().getBody(String.class).orElse("{}")));
                    return e.getStatus().getCode();
                }
            }));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> a : answers) {
            codes.add(a.get());
        }
        assertEquals(1, codes.stream().filter(code -> code == 201).count(), codes + " " + problems);
        assertEquals(n - 1, codes.stream().filter(code -> code == 409).count(), codes + " " + problems);
        for (JsonNode p : problems) {
            assertEquals(field, p.get("errors").get(0).get("field").asText(), p.toString());
        }
    }

    static Map<String, Object> volunteer(String name, String phone) {
        return Map.of("name", name, "phone", phone, "skills", List.of("ERRANDS"), "lat", 39.7275, "lon", 116.3405,
                "maxConcurrentJobs", 1, "onDuty", true);
    }

    static Map<String, Object> merchant(String name) {
        return Map.of("name", name, "kind", "MERCHANT", "offerings",
                List.of(Map.of("category", "MEDICINE", "description", "常用药")), "lat", 39.7284, "lon", 116.3412,
                "dailyCapacity", 40, "fulfilment", "DELIVERY");
    }
}
