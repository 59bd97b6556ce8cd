package org.onecall.dispatch.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onecall.testsupport.KafkaBrokerExtension;

/** The household record through HTTP, on H2: every rule of the request, and look-up by phone and text. */
@MicronautTest(environments = "dispatch", transactional = false)
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HouseholdApiTest implements TestPropertyProvider {

    static final String COMMUNITY = "xinghua-api";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ConnectionOperations<Connection> connections;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "datasources.default.url", "jdbc:h2:mem:households-api-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "micronaut.server.port", "-1");
    }

    @BeforeAll
    void community() {
        post("/api/communities", Map.of("id", COMMUNITY, "name", "兴华南里"));
        post("/api/communities", Map.of("id", "other-community", "name", "康庄"));
    }

    static Map<String, Object> household(String name, String compound, String building, String room,
                                         String... phones) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("headName", name);
        List<Map<String, Object>> list = new ArrayList<>();
        for (String p : phones) {
            list.add(Map.of("number", p));
        }
        body.put("phones", list);
        body.put("compound", compound);
        body.put("building", building);
        body.put("unit", "1单元");
        body.put("room", room);
        body.put("grid", "grid-1");
        body.put("lat", 39.7275);
        body.put("lon", 116.3405);
        return body;
    }

    @Test
    void a_household_is_recorded_with_its_phones_residents_address_tags_and_consent() {
        Map<String, Object> body = household("钱奶奶", "兴华南里", "2号楼", "502", "139 0002 0002");
        body.put("phones", List.of(Map.of("number", "139 0002 0002", "label", "本人手机"),
                Map.of("number", "(010)69200004", "kind", "LANDLINE", "label", "家里座机")));
        body.put("tags", List.of("LIVING_ALONE", "ELDERLY", "ELDERLY"));
        body.put("language", "普通话（听力差，说慢一点）");
        body.put("contactNotes", "请打座机，不要发短信");
        body.put("consentToContact", true);
        body.put("residents", List.of(Map.of("name", "钱小明", "relation", "CHILD", "birthYear", 1975)));
        JsonNode h = post("/api/communities/" + COMMUNITY + "/households", body);

        assertEquals("139****0002", h.get("phone").asText(), "the first phone, masked in every view");
        assertEquals("兴华南里2号楼", h.get("building").asText());
        assertEquals("兴华南里2号楼", h.get("approximatePlace").asText());
        assertEquals("兴华南里2号楼1单元502", h.get("address").asText());
        assertEquals("502", h.get("structuredAddress").get("room").asText());
        assertEquals(2, h.get("phones").size());
        assertEquals("LANDLINE", h.get("phones").get(1).get("kind").asText());
        assertEquals("106****0004", h.get("phones").get(1).get("e164").asText());
        // stored in E.164; the full numbers only through the audited contact view
        assertEquals("+861069200004", get("/api/households/" + h.get("id").asLong() + "/contact")
                .get("phones").get(1).asText());
        assertEquals("家里座机", h.get("phones").get(1).get("label").asText());
        assertEquals(List.of("LIVING_ALONE", "ELDERLY"), h.get("vulnerability").findValuesAsText("tag"));
        assertEquals("独居", h.get("vulnerability").get(0).get("zh").asText());
        assertEquals("钱小明", h.get("residents").get(0).get("name").asText());
        assertEquals(1975, h.get("residents").get(0).get("birthYear").asInt());
        assertTrue(h.get("consentToContact").asBoolean());
        assertFalse(h.get("consentAt").isNull());
        assertFalse(h.has("searchText"), "internal");

        JsonNode read = get("/api/households/" + h.get("id").asLong());
        assertEquals(h.get("phones"), read.get("phones"));
        assertEquals("请打座机，不要发短信", read.get("contactNotes").asText());
    }

    @Test
    void the_older_request_shape_still_works() {
        JsonNode h = post("/api/communities/" + COMMUNITY + "/households", Map.of("headName", "赵大爷",
                "phone", "139 0002 0001", "building", "兴华南里1号楼", "address", "北京市大兴区兴华南里1号楼2单元301",
                "grid", "grid-1", "lat", 39.7275, "lon", 116.3405));
        assertEquals("兴华南里1号楼", h.get("building").asText());
        assertEquals("北京市大兴区兴华南里1号楼2单元301", h.get("address").asText());
        assertEquals("139****0001", h.get("phone").asText());
        assertEquals("MOBILE", h.get("phones").get(0).get("kind").asText());
        assertFalse(h.get("consentToContact").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010-6920-0099", "(010)69200099", "+86 10 6920 0099", "0086 10 69200099", "01069200099",
            "69200099"})
    void the_operator_finds_a_household_by_any_form_of_its_landline(String typed) {
        long id = create(household("李爷爷", "兴华南里", "4号楼", "602", "010 6920 0099"));
        JsonNode found = find("phone", typed, null);
        assertTrue(ids(found).contains(id), found.toString());
        found.forEach(h -> assertEquals("106****0099", h.get("phone").asText()));
    }

    @Test
    void the_operator_finds_a_household_by_its_second_phone_too() {
        long id = create(household("周奶奶", "兴华南里", "5号楼", "201", "13900020055", "+86 138 5555 0055"));
        assertEquals(List.of(id), ids(find("phone", "138-5555-0055", null)));
        assertEquals(List.of(id), ids(find("phone", "0086 13900020055", null)));
        assertTrue(ids(find("phone", "13900029999", null)).isEmpty());
    }

    @Test
    void a_phone_look_up_can_be_narrowed_to_a_community() {
        long here = create(household("吴叔叔", "兴华南里", "6号楼", "402", "13900020066"));
        long there = post("/api/communities/other-community/households",
                household("吴叔叔", "康庄", "6号楼", "402", "13900020066")).get("id").asLong();
        assertEquals(List.of(here, there), ids(find("phone", "13900020066", null)));
        assertEquals(List.of(there), ids(find("phone", "13900020066", "other-community")));
    }

    @Test
    void the_operator_finds_households_by_part_of_a_name_or_address_within_the_community() {
        long a = create(household("郑大妈", "清源西里", "7号楼", "3502", "13900020077"));
        long b = create(household("郑建国", "清源东里", "8号楼", "101", "13900020078"));
        post("/api/communities/other-community/households", household("郑大妈", "清源西里", "7号楼", "3502",
                "13900020079"));
        assertEquals(List.of(a), ids(find("q", "清源西", COMMUNITY)));
        assertEquals(List.of(a, b), ids(find("q", "郑", COMMUNITY)));
        assertEquals(List.of(b), ids(find("q", "建国", COMMUNITY)));
        assertTrue(ids(find("q", "3502", COMMUNITY)).contains(a));
        assertTrue(ids(find("q", "清源南", COMMUNITY)).isEmpty(), "both bigrams exist, but not as one word");
        assertEquals(List.of(a), ids(find("q", "清源 西里", COMMUNITY)), "spaces do not matter");
    }

    @Test
    void a_resident_name_is_searchable_and_rare_characters_and_emoji_survive() {
        Map<String, Object> body = household("𠮷田花子🌸", "兴华南里", "9号楼", "502", "13900020091");
        body.put("residents", List.of(Map.of("name", "𠮷祥", "relation", "GRANDCHILD")));
        body.put("contactNotes", "下午三点后打 📞\n\t不要早上打");
        JsonNode h = post("/api/communities/" + COMMUNITY + "/households", body);
        long id = h.get("id").asLong();
        assertEquals("𠮷田花子🌸", get("/api/households/" + id).get("headName").asText());
        assertEquals("下午三点后打 📞\n\t不要早上打", get("/api/households/" + id).get("contactNotes").asText());
        assertEquals(List.of(id), ids(find("q", "𠮷祥", COMMUNITY)));
        assertEquals(List.of(id), ids(find("q", "花子🌸", COMMUNITY)));
    }

    @Test
    void an_update_replaces_phones_residents_and_the_search_tokens() {
        Map<String, Object> body = household("冯奶奶", "兴华南里", "9号楼", "201", "13900020101");
        body.put("residents", List.of(Map.of("name", "冯大伟", "relation", "CHILD")));
        long id = create(body);
        Map<String, Object> changed = household("冯奶奶", "兴华北里", "3号楼", "301", "010-6920-0101");
        changed.put("consentToContact", true);
        JsonNode h = http.toBlocking().retrieve(HttpRequest.PUT("/api/households/" + id, changed), JsonNode.class);
        assertEquals("兴华北里3号楼", h.get("building").asText());
        assertEquals("106****0101", h.get("phone").asText());
        assertTrue(!h.has("residents") || h.get("residents").isEmpty(), "empty lists are left out");
        assertTrue(ids(find("phone", "13900020101", null)).isEmpty(), "the old phone is gone");
        assertEquals(List.of(id), ids(find("phone", "69200101", null)));
        assertTrue(ids(find("q", "冯大伟", COMMUNITY)).isEmpty(), "the old resident is not found any more");
        assertEquals(List.of(id), ids(find("q", "兴华北里3号", COMMUNITY)));
    }

    @Test
    void phones_are_added_and_removed_but_never_the_last_one() {
        long id = create(household("陈阿姨", "兴华南里", "10号楼", "201", "13900020111"));
        JsonNode added = post("/api/households/" + id + "/phones", Map.of("number", "010-6920-0111", "label", "座机"));
        assertEquals("LANDLINE", added.get("kind").asText());
        assertEquals(List.of(id), ids(find("phone", "01069200111", null)));

        var dup = refused(HttpRequest.POST("/api/households/" + id + "/phones", Map.of("number", "+86 10 69200111")));
        assertEquals(409, dup.getStatus().getCode());

        long first = get("/api/households/" + id).get("phones").get(0).get("id").asLong();
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(
                HttpRequest.DELETE("/api/households/" + id + "/phones/" + first)).getStatus());
        assertEquals("106****0111", get("/api/households/" + id).get("phone").asText(), "the next one is first now");
        var last = refused(HttpRequest.DELETE("/api/households/" + id + "/phones/" + added.get("id").asLong()));
        assertEquals(409, last.getStatus().getCode());
        assertTrue(ids(find("phone", "13900020111", null)).isEmpty());
    }

    @Test
    void a_phone_of_another_household_cannot_be_removed_through_this_one() {
        long a = create(household("褚爷爷", "兴华南里", "11号楼", "301", "13900020121", "13900020122"));
        long b = create(household("卫奶奶", "兴华南里", "12号楼", "601", "13900020123"));
        long phoneOfA = get("/api/households/" + a).get("phones").get(0).get("id").asLong();
        assertEquals(404, refused(HttpRequest.DELETE("/api/households/" + b + "/phones/" + phoneOfA))
                .getStatus().getCode());
        assertEquals(2, get("/api/households/" + a).get("phones").size());
    }

    // ---- refusals: problem+json naming the field, and nothing written ----

    @Test
    void refusals_name_the_field_and_write_nothing() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(bad("phones[1].number", "area code", b -> b.put("phones", List.of(Map.of("number", "13900020131"),
                Map.of("number", "69200004")))));
        cases.add(bad("phones[1].number", "same number", b -> b.put("phones", List.of(
                Map.of("number", "13900020131"), Map.of("number", "+86 139 0002 0131")))));
        cases.add(bad("phones[0].kind", "MOBILE", b -> b.put("phones", List.of(
                Map.of("number", "13900020131", "kind", "LANDLINE")))));
        cases.add(bad("phones", "at least one", b -> b.put("phones", List.of())));
        cases.add(bad("phone", "11 digits", b -> b.put("phone", "1390002")));
        cases.add(bad("lat", "90", b -> b.put("lat", 91.5)));
        cases.add(bad("lon", "180", b -> b.put("lon", -181)));
        cases.add(bad("lat", "missing", b -> {
            b.put("lat", 0);
            b.put("lon", 0);
        }));
        cases.add(bad("lat", "number", b -> b.put("lat", "north")));
        cases.add(raw("lat", "finite", "\"lat\": 1e400")); // Jackson reads it as Infinity
        cases.add(bad("headName", "control", b -> b.put("headName", "钱\u0000奶奶")));
        cases.add(bad("headName", "control", b -> b.put("headName", "钱\u001b[31m奶奶")));
        cases.add(bad("compound", "control", b -> b.put("compound", "兴华\r南里")));
        cases.add(bad("address", "control", b -> b.put("address", "兴华\u007f南里")));
        cases.add(raw("headName", "surrogate", "\"headName\": \"broken \\ud83d half\"")); // half an emoji
        cases.add(bad("headName", "100", b -> b.put("headName", "长".repeat(101))));
        cases.add(bad("contactNotes", "1000", b -> b.put("contactNotes", "x".repeat(5000))));
        cases.add(bad("headName", "blank", b -> b.put("headName", "  \u3000 ")));
        cases.add(bad("building", "compound", b -> {
            b.remove("compound");
            b.remove("building");
        }));
        cases.add(bad("tags[0]", "LIVING_ALONE", b -> b.put("tags", List.of("RICH"))));
        cases.add(bad("residents[0].relation", "null", b -> b.put("residents", List.of(Map.of("name", "钱小明")))));
        cases.add(bad("residents[0].birthYear", "future", b -> b.put("residents", List.of(
                Map.of("name", "钱小明", "relation", "CHILD", "birthYear", 2099)))));
        cases.add(bad("residents[0].name", "control", b -> b.put("residents", List.of(
                Map.of("name", "钱\u0007小明", "relation", "CHILD")))));
        cases.add(bad("phones", "10", b -> {
            List<Map<String, Object>> many = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                many.add(Map.of("number", "1390003" + String.format("%04d", i)));
            }
            b.put("phones", many);
        }));

        Map<String, Long> before = counts();
        for (Object[] c : cases) {
            var e = refused(HttpRequest.POST("/api/communities/" + COMMUNITY + "/households", c[2])
                    .contentType(MediaType.APPLICATION_JSON_TYPE));
            JsonNode problem = problem(e);
            assertEquals(400, e.getStatus().getCode(), String.valueOf(c[0]) + " " + problem);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            JsonNode first = problem.get("errors").get(0);
            assertEquals(c[0], first.get("field").asText(), problem.toString());
            assertTrue(first.get("reason").asText().contains((String) c[1]), problem.toString());
        }
        assertEquals(before, counts(), "no household, phone, resident or token was written");
    }

    @Test
    void a_refused_update_changes_nothing() {
        long id = create(household("孙阿姨", "兴华南里", "3号楼", "101", "13900020141"));
        JsonNode was = get("/api/households/" + id);
        Map<String, Long> before = counts();
        Map<String, Object> body = household("孙阿姨", "兴华北里", "8号楼", "808", "13900020142", "69200004");
        var e = refused(HttpRequest.PUT("/api/households/" + id, body));
        assertEquals("phones[1].number", problem(e).get("errors").get(0).get("field").asText());
        assertEquals(before, counts());
        assertEquals(was, get("/api/households/" + id));
    }

    @Test
    void unknown_households_and_communities_are_404() {
        assertEquals(404, refused(HttpRequest.GET("/api/households/999999")).getStatus().getCode());
        assertEquals(404, refused(HttpRequest.PUT("/api/households/999999",
                household("x", "兴华南里", "1号楼", "1", "13900020151"))).getStatus().getCode());
        assertEquals(404, refused(HttpRequest.POST("/api/communities/nowhere/households",
                household("x", "兴华南里", "1号楼", "1", "13900020151"))).getStatus().getCode());
        assertEquals(404, refused(HttpRequest.GET(UriBuilder.of("/api/households")
                .queryParam("q", "兴华").queryParam("communityId", "nowhere").build()))
                .getStatus().getCode());
    }

    @Test
    void search_parameters_are_checked() {
        assertField(HttpRequest.GET("/api/households"), "phone");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("q", "兴华").build()), "communityId");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("q", "兴华")
                .queryParam("phone", "13900020001").build()), "q");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("phone", "not a phone").build()),
                "phone");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("q", "x".repeat(101))
                .queryParam("communityId", COMMUNITY).build()), "q");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("q", "兴华")
                .queryParam("communityId", COMMUNITY).queryParam("limit", "500").build()), "limit");
        assertField(HttpRequest.GET(UriBuilder.of("/api/households").queryParam("q", "%_%")
                .queryParam("communityId", COMMUNITY).build()), null);
    }

    /** {@code field} null: must succeed (wildcards are searched as text), with no match. */
    private void assertField(HttpRequest<?> request, String field) {
        if (field == null) {
            assertEquals(0, http.toBlocking().retrieve(request, JsonNode.class).size());
            return;
        }
        var e = refused(request);
        assertEquals(400, e.getStatus().getCode());
        assertEquals(field, problem(e).get("errors").get(0).get("field").asText(), problem(e).toString());
    }

    // ---- helpers ----

    private interface Edit {
        void apply(Map<String, Object> body);
    }

    private static Object[] bad(String field, String reasonPart, Edit edit) {
        Map<String, Object> body = new HashMap<>(household("钱奶奶", "兴华南里", "2号楼", "502", "13900020131"));
        edit.apply(body);
        return new Object[] {field, reasonPart, body};
    }

    /** A body Java cannot write as a map: the valid household with one member replaced by raw JSON. */
    private static Object[] raw(String field, String reasonPart, String member) {
        // the member replaces the base's field of the same name: a key given twice is refused on its own
        String key = member.substring(0, member.indexOf(':') + 1);
        String base = java.util.stream.Stream.of("\"headName\": \"钱奶奶\"", "\"phones\": [{\"number\": \"13900020131\"}]",
                        "\"compound\": \"兴华南里\"", "\"building\": \"2号楼\"", "\"lat\": 39.7", "\"lon\": 116.3")
                .filter(m -> !m.startsWith(key)).collect(java.util.stream.Collectors.joining(", "));
        String json = "{" + base + ", " + member + "}";
        return new Object[] {field, reasonPart, json};
    }

    private Map<String, Long> counts() {
        return connections.executeRead(status -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement s = status.getConnection().createStatement()) {
                for (String table : List.of("household", "household_phone", "resident", "household_token")) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return counts;
        });
    }

    private long create(Map<String, Object> body) {
        return post("/api/communities/" + COMMUNITY + "/households", body).get("id").asLong();
    }

    JsonNode post(String path, Object body) {
        HttpResponse<JsonNode> r = http.toBlocking().exchange(HttpRequest.POST(path, body), JsonNode.class);
        return r.body();
    }

    JsonNode get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), JsonNode.class);
    }

    private JsonNode find(String param, String value, String communityId) {
        UriBuilder uri = UriBuilder.of("/api/households").queryParam(param, value);
        if (communityId != null) {
            uri.queryParam("communityId", communityId);
        }
        return http.toBlocking().retrieve(HttpRequest.GET(uri.build()), JsonNode.class);
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(JsonNode.class), Argument.of(JsonNode.class)));
    }

    private static JsonNode problem(HttpClientResponseException e) {
        return e.getResponse().getBody(JsonNode.class).orElseThrow();
    }

}
