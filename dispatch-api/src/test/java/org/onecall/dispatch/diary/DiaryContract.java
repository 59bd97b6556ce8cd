package org.onecall.dispatch.diary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.onecall.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The case diary through HTTP: notes and need transitions in one time line, paged without loss.
 * Run by subclasses on H2 and on PostgreSQL (the merge query reads across need and need_history).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DiaryContract {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ConnectionOperations<Connection> connections;

    long household;
    long neighbour;

    @BeforeAll
    void setUp() {
        post("/api/communities", Map.of("id", "diary", "name", "兴华南里"));
        household = household("钱奶奶", "13900030001");
        neighbour = household("孙阿姨", "13900030002");
    }

    private long household(String name, String phone) {
        return post("/api/communities/diary/households", Map.of("headName", name, "phone", phone,
                "compound", "兴华南里", "building", "2号楼", "room", "502", "lat", 39.7275, "lon", 116.3405))
                .get("id").asLong();
    }

    @Test
    void notes_and_need_transitions_read_back_newest_first_with_who_and_when() {
        long h = household("李爷爷", "13900030003");
        note(h, "CALL", "李爷爷来电：降压药吃完了", "operator-7");
        long need = post("/api/needs", Map.of("householdId", h, "category", "MEDICINE", "urgency", "TODAY",
                "description", "降压药 ×2",
                "items", java.util.List.of(Map.of("name", "降压药", "quantity", 2)))).get("id").asLong();
        post("/api/needs/" + need + "/cancellation", Map.of("reason", "女儿已经买了"));
        note(h, "VISIT", "上门看望，身体不错 🙂\n下周再来", "grid-leader-1");
        post("/api/needs", Map.of("householdId", neighbour, "category", "REPAIRS", "urgency", "TODAY",
                "description", "水管漏水", "details", Map.of("whatIsBroken", "厨房水管")));

        JsonNode page = diary(h, null, null);
        List<String> lines = new ArrayList<>();
        page.get("entries").forEach(e -> lines.add(e.get("source").asText() + ":" + e.get("kind").asText()
                + (e.has("eventType") ? ":" + e.get("eventType").asText() : "")));
        assertEquals(List.of("NOTE:VISIT", "NEED:TRANSITION:NeedCancelled", "NEED:TRANSITION:MatchingStarted",
                "NEED:TRANSITION:NeedRaised", "NOTE:CALL"), lines);
        JsonNode cancelled = page.get("entries").get(1);
        assertEquals("test-admin", cancelled.get("author").asText(), "the signed-in caller cancelled it");
        assertEquals(need, cancelled.get("needId").asLong());
        assertEquals("MEDICINE", cancelled.get("category").asText());
        assertEquals("CANCELLED", cancelled.get("toStatus").asText());
        assertTrue(cancelled.get("text").asText().contains("女儿已经买了"));
        assertEquals("上门看望，身体不错 🙂\n下周再来", page.get("entries").get(0).get("text").asText());
        assertFalse(page.has("next") && !page.get("next").isNull(), "everything fits one page");
        Instant previous = Instant.MAX;
        for (JsonNode e : page.get("entries")) {
            Instant at = Instant.parse(e.get("at").asText());
            assertFalse(at.isAfter(previous), "newest first");
            previous = at;
        }
    }

    @Test
    void a_micro_wish_published_claimed_and_fulfilled_shows_in_the_diary() {
        JsonNode published = post("/api/communities/diary/wishes", Map.of("kind", "WISH", "householdId", household,
                "title", "一件新棉衣", "publishedBy", "coordinator-zhang"));
        long wish = published.get("id").asLong();
        long unit = post("/api/communities/diary/merchants", Map.of("name", "兴华超市", "kind", "PARTNER_UNIT",
                "offerings", List.of(Map.of("category", "ERRANDS", "description", "代购")), "lat", 39.728, "lon", 116.341,
                "dailyCapacity", 10, "fulfilment", "DELIVERY")).get("merchant").get("id").asLong();
        post("/api/wishes/" + wish + "/claim", Map.of("claimantKind", "UNIT", "merchantId", unit));
        post("/api/wishes/" + wish + "/fulfilment", Map.of("fulfilledBy", "兴华超市", "note", "棉衣已送到"));

        List<JsonNode> wishes = new java.util.ArrayList<>();
        JsonNode first = diary(household, null, 50);
        assertTrue(first.has("entries"), () -> first + " after " + published);
        first.get("entries").forEach(e -> {
            if ("WISH".equals(e.get("source").asText())) {
                wishes.add(e);
            }
        });
        assertEquals(List.of("WishFulfilled", "WishClaimed", "WishPublished"),
                wishes.stream().map(e -> e.get("kind").asText()).toList(), "newest first");
        assertTrue(wishes.get(0).get("text").asText().contains("一件新棉衣"), wishes.get(0).toString());
        // and the pages still cover every entry exactly once when wishes are mixed in
        List<String> all = cursors(diary(household, null, 50));
        List<String> paged = new java.util.ArrayList<>();
        String before = null;
        do {
            JsonNode page = diary(household, before, 2);
            paged.addAll(cursors(page));
            before = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (before != null);
        assertEquals(all, paged);
    }

    @Test
    void pages_of_any_size_cover_the_diary_once_and_in_order() {
        long h = household("周奶奶", "13900030004");
        for (int i = 0; i < 4; i++) {
            note(h, "NOTE", "记录 " + i, "operator-1");
            long need = post("/api/needs", Map.of("householdId", h, "category", "ERRANDS", "urgency", "FLEXIBLE",
                    "description", "代购 " + i, "separate", true,
                    "items", java.util.List.of(Map.of("name", "挂面")))).get("id").asLong();
            post("/api/needs/" + need + "/cancellation", Map.of("reason", "不需要了"));
        }
        List<String> all = cursors(diary(h, null, 200));
        assertEquals(16, all.size());
        for (int size : new int[] {1, 2, 3, 7}) {
            List<String> walked = new ArrayList<>();
            String before = null;
            int pages = 0;
            do {
                JsonNode page = diary(h, before, size);
                walked.addAll(cursors(page));
                before = page.has("next") && !page.get("next").isNull() ? page.get("next").asText() : null;
                pages++;
            } while (before != null && pages < 100);
            assertEquals(all, walked, "page size " + size);
        }
    }

    @Test
    void refused_notes_name_the_field_and_write_nothing() {
        long before = notes();
        assertRefused(Map.of("text", "x", "kind", "SMS"), "kind", 400);
        assertRefused(Map.of("text", "响铃\u0007", "kind", "CALL"), "text", 400);
        assertRefused(Map.of("text", "长".repeat(4001), "kind", "CALL"), "text", 400);
        // the author is the signed-in caller: a body naming one is refused, not believed
        assertRefused(Map.of("text", "x", "author", "op", "kind", "CALL"), "author", 400);
        assertRefused(Map.of("kind", "CALL"), "text", 400);
        assertEquals(before, notes());
        var missing = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/households/99999999/diary", Map.of("text", "x", "kind", "NOTE"))));
        assertEquals(404, missing.getStatus().getCode());
    }

    @Test
    void bad_paging_parameters_are_refused() {
        assertEquals("before", refusedRead(UriBuilder.of("/api/households/" + household + "/diary")
                .queryParam("before", "yesterday").build().toString()));
        assertEquals("limit", refusedRead(UriBuilder.of("/api/households/" + household + "/diary")
                .queryParam("limit", "0").build().toString()));
        assertEquals("limit", refusedRead(UriBuilder.of("/api/households/" + household + "/diary")
                .queryParam("limit", "many").build().toString()));
    }

    @Test
    void a_diary_entry_written_reads_back_with_the_same_cursor() {
        long h = household("𠮷田", "13900030005");
        JsonNode written = note(h, "CALL", "𠮷田さん来电 📞", "operator-𠮷");
        JsonNode read = diary(h, null, null).get("entries").get(0);
        assertEquals(written, read);
        assertNull(read.get("needId"));
    }

    private void assertRefused(Map<String, Object> body, String field, int status) {
        var e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/households/" + household + "/diary", body), Argument.of(JsonNode.class),
                Argument.of(JsonNode.class)));
        assertEquals(status, e.getStatus().getCode());
        JsonNode problem = e.getResponse().getBody(JsonNode.class).orElseThrow();
        assertEquals(field, problem.get("errors").get(0).get("field").asText(), problem.toString());
    }

    private String refusedRead(String uri) {
        var e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET(uri), Argument.of(JsonNode.class), Argument.of(JsonNode.class)));
        assertEquals(400, e.getStatus().getCode());
        return e.getResponse().getBody(JsonNode.class).orElseThrow().get("errors").get(0).get("field").asText();
    }

    private long notes() {
        return connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM diary_note")) {
                rs.next();
                return rs.getLong(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Written by {@code author}'s own sign-in (an admin's token in that name). */
    private JsonNode note(long h, String kind, String text, String author) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/households/" + h + "/diary",
                Map.of("kind", kind, "text", text)).bearerAuth(TestTokens.token(author, "ADMIN", List.of(), null)),
                JsonNode.class);
    }

    private JsonNode diary(long h, String before, Integer limit) {
        UriBuilder uri = UriBuilder.of("/api/households/" + h + "/diary");
        if (before != null) {
            uri.queryParam("before", before);
        }
        if (limit != null) {
            uri.queryParam("limit", limit);
        }
        return http.toBlocking().retrieve(HttpRequest.GET(uri.build()), JsonNode.class);
    }

    private static List<String> cursors(JsonNode page) {
        List<String> list = new ArrayList<>();
        page.get("entries").forEach(e -> list.add(e.get("cursor").asText()));
        return list;
    }

    private JsonNode post(String path, Object body) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, body), JsonNode.class);
    }
}
