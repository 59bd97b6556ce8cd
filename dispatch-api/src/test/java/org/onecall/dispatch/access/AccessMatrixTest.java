package org.onecall.dispatch.access;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.dispatch.Db;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaSender;
import org.onecall.testsupport.TestTokens;

/**
 * Every endpoint x every role x own / other community, allowed or denied. The expected table below
 * is written by hand, independently of the policy in the code; a route the router knows that is
 * missing from it fails the test, so no endpoint is left out by accident.
 *
 * <p>Two more callers walk the ladder street → community → grid: STREET is a coordinator of a
 * street (own = a community on that street, other = a community on another street); GRID is a grid
 * leader of grid-a of the own community (own = a household of grid-a with its need, micro-wish,
 * volunteer..., other = the same community's grid-b).
 */
@MicronautTest(environments = "dispatch", transactional = false)
class AccessMatrixTest extends SecuredApiTest {

    /** y = allowed, n = denied; two letters per role: own community, other community (GRID: own grid, other grid). */
    private static final String EXPECTED = """
            GET  /health                                         ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            GET  /health/{selector}                              ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            POST /api/auth/login                                 ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            POST /api/auth/code                                  ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            POST /api/auth/code/login                            ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            POST /api/auth/logout                                ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            POST /api/phone/calls                                ADMIN=nn COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /openapi/onecall.yml                            ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            GET  /                                               ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=yy
            GET  /api/auth/me                                    ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=nn
            PUT  /api/auth/password                              ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=yy STREET=yy GRID=yy ANON=nn
            POST /api/accounts                                   ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/accounts                                   ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            PUT  /api/accounts/{username}/active                 ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            POST /api/accounts/{username}/unlock                 ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            PUT  /api/accounts/{username}                        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            PUT  /api/accounts/{name}/phone                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            PUT  /api/accounts/{username}/password               ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/audit                                      ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/audit/export                               ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/sms                                        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/sms-replies      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/service/volunteers/{volunteerId}/contact   ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/service/accounts/{username}/contact        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/service/names                              ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            POST /api/service/sms-replies                        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            POST /api/service/needs/{needId}/resident-notices    ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            POST /api/service/needs/{needId}/callbacks           ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/service/households/{householdId}/sms-contact ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/service/streets/{streetId}/communities     ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            PUT  /api/households/{id}/sms-notices                ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/callbacks                                  ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            POST /api/callbacks/{id}/close                       ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            POST /api/streets                                    ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/streets                                    ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            POST /api/communities                                ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/communities                                ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            GET  /api/communities/{id}                           ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/communities/{communityId}/households       ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/households                                 ADMIN=yy COORDINATOR=yy OPERATOR=yy VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            GET  /api/households/{id}                            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            PUT  /api/households/{id}                            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/households/{id}/contact                    ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/households/{id}/phones                     ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            DELETE /api/households/{id}/phones/{phoneId}         ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/households/{id}/diary                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/households/{id}/diary                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/households/{householdId}/needs             ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/communities/{communityId}/desk/stream      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/communities/{communityId}/volunteers       ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/volunteers       ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/volunteers/{id}                            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yy ANON=nn
            PUT  /api/volunteers/{id}/duty                       ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=nn ANON=nn
            PUT  /api/volunteers/{id}/status                     ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            PUT  /api/volunteers/{id}/calendar                   ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=nn ANON=nn
            GET  /api/volunteers/{id}/roles                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yy ANON=nn
            POST /api/communities/{communityId}/teams            ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/teams            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/teams/{teamId}/members                     ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/communities/{communityId}/grids            ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/grids            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{communityId}/steward-ratio    ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/communities/{communityId}/merchants        ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/merchants        ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/merchants/{id}                             ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            PUT  /api/merchants/{id}/open                        ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/communities/{communityId}/agreements       ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/agreements       ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/households/{id}/service-circle             ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/communities/{communityId}/imports/volunteers ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/communities/{communityId}/imports/merchants ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/imports/{id}                               ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{id}/hsds                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/needs                                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/needs/{id}                                 ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            GET  /api/needs/{id}/history                         ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/communities/{communityId}/needs            ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/needs/{id}/arrival                         ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/giveback                        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn STREET=nn GRID=nn ANON=nn
            POST /api/needs/{id}/completion                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/feedback                        ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/cancellation                    ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/handover                        ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/calls                                      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/communities/{communityId}/needs/overdue    ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/operators/{name}/needs                     ADMIN=yy COORDINATOR=nn OPERATOR=yn VOLUNTEER=nn STREET=nn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/service-targets  ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            PUT  /api/communities/{communityId}/service-targets/{category} ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/communities/{communityId}/wishes           ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/communities/{communityId}/wishes           ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/wishes/{id}                                ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            GET  /api/wishes/{id}/history                        ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/wishes/{id}/claim                          ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            POST /api/wishes/{id}/fulfilment                     ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=yn ANON=nn
            GET  /api/volunteers/{volunteerId}/offers            ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=yy ANON=nn
            POST /api/offers/{id}/accept                         ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn STREET=nn GRID=nn ANON=nn
            POST /api/needs/{id}/assignment                      ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/rematch                         ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/broadcast                       ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/department                      ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            POST /api/needs/{id}/department-answer               ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/communities/{communityId}/queue            ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{communityId}/queue/map        ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{communityId}/queue/stream     ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{communityId}/ladder           ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            PUT  /api/communities/{communityId}/ladder/timers    ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/departments      ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/communities/{communityId}/departments      ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/offers/{id}/decline                        ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn STREET=nn GRID=nn ANON=nn
            GET  /api/volunteers/{volunteerId}/jobs/{needId}     ADMIN=yy COORDINATOR=nn OPERATOR=nn VOLUNTEER=yn STREET=nn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/complaints       ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            POST /api/complaints/{id}/resolution                 ADMIN=yy COORDINATOR=yy OPERATOR=nn VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            GET  /api/rates                                      ADMIN=yy COORDINATOR=yy OPERATOR=nn VOLUNTEER=nn STREET=yy GRID=yy ANON=nn
            POST /api/needs/{id}/hours-confirmation              ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=yn ANON=nn
            GET  /api/volunteers/{id}/hours                      ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=yn STREET=yn GRID=yy ANON=nn
            GET  /api/communities/{communityId}/volunteer-hours/export ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            POST /api/communities/{communityId}/pairings         ADMIN=yy COORDINATOR=yn OPERATOR=nn VOLUNTEER=nn STREET=yn GRID=nn ANON=nn
            GET  /api/communities/{communityId}/pairings         ADMIN=yy COORDINATOR=yn OPERATOR=yn VOLUNTEER=nn STREET=yn GRID=yy ANON=nn
            """;

    @Inject
    Router router;
    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;
    @Inject
    KafkaSender kafka;

    @Inject
    DataSource dataSource;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String ownStreet = "street-own-" + suffix;
    private final String otherStreet = "street-other-" + suffix;
    private final Side own = new Side("own-" + suffix, GRID_A, true);
    private final Side otherGrid = new Side(own.community, "grid-b", false);
    private final Side other = new Side("other-" + suffix, GRID_A, false);

    static final String GRID_A = "grid-a";

    @Override
    Map<String, String> extraProperties() {
        return Map.of("onecall.security.auth-requests-per-minute", "100000",
                "onecall.security.public-requests-per-minute", "100000");
    }

    @BeforeAll
    void fixture() {
        post("/api/streets", Map.of("id", ownStreet, "name", "清源街道"));
        post("/api/streets", Map.of("id", otherStreet, "name", "林校路街道"));
        own.create(this, 1, ownStreet);
        post("/api/communities/" + own.community + "/grids", Map.of("code", GRID_A, "name", "第一网格"));
        post("/api/communities/" + own.community + "/grids", Map.of("code", "grid-b", "name", "第二网格"));
        otherGrid.create(this, 3, null);
        other.create(this, 2, otherStreet);
        own.offer(this, kafka);
        otherGrid.offer(this, kafka);
        other.offer(this, kafka);
    }

    @Test
    void every_route_has_an_expected_row() {
        Set<String> expected = expectations().keySet();
        Set<String> routes = routes();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(expected);
        assertTrue(missing.isEmpty(), "routes with no row in the authorization matrix: " + missing);
        Set<String> stale = new TreeSet<>(expected);
        stale.removeAll(routes);
        assertTrue(stale.isEmpty(), "matrix rows for routes that do not exist: " + stale);
    }

    @Test
    void every_route_answers_every_role_as_the_matrix_says() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> row : expectations().entrySet()) {
            String[] methodAndPath = row.getKey().split(" ", 2);
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                for (int side = 0; side < 2; side++) {
                    Side target = side == 0 ? own : cell.getKey().equals("GRID") ? otherGrid : other;
                    boolean allowedExpected = cell.getValue().charAt(side) == 'y';
                    MutableHttpRequest<?> asked = request(methodAndPath[0], methodAndPath[1], target,
                            usernameOf(cell.getKey()));
                    int status = methodAndPath[1].endsWith("/stream") ? streamStatus(asked, token(cell.getKey()))
                            : send(asked, token(cell.getKey())).getStatus().getCode();
                    boolean allowed = status != 401 && status != 403;
                    if (allowed != allowedExpected) {
                        wrong.add(row.getKey() + " as " + cell.getKey() + " on " + (side == 0 ? "own" : "other")
                                + ": expected " + (allowedExpected ? "allowed" : "denied") + ", got " + status);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void anonymous_gets_401_and_the_wrong_role_403_as_problem_json() {
        HttpResponse<String> anonymous = send(HttpRequest.GET("/api/needs/" + own.need), "none");
        assertEquals(401, anonymous.getStatus().getCode());
        HttpResponse<String> operatorOfOther = send(HttpRequest.GET("/api/needs/" + own.need),
                TestTokens.staff("OPERATOR", List.of(other.community)));
        assertEquals(403, operatorOfOther.getStatus().getCode());
    }

    @Test
    void a_phone_search_only_finds_households_of_the_callers_communities() {
        String operatorOfOwn = TestTokens.staff("OPERATOR", List.of(own.community));
        HttpResponse<String> ownResult = send(HttpRequest.GET("/api/households?phone=" + own.phone), operatorOfOwn);
        HttpResponse<String> otherResult = send(HttpRequest.GET("/api/households?phone=" + other.phone), operatorOfOwn);
        assertTrue(ownResult.body().contains("\"id\":" + own.household), ownResult.body());
        assertEquals("[]", otherResult.body());
    }

    @Test
    void a_grid_leader_sees_only_their_grids_in_the_community_lists() {
        // fresh needs, so that whatever the matrix did to the fixture's (cancelled, closed) does not matter
        long mine = id(post("/api/communities/" + own.community + "/households", household("网格甲住户", GRID_A, 7)));
        long theirs = id(post("/api/communities/" + own.community + "/households", household("网格乙住户", "grid-b", 8)));
        long noGrid = id(post("/api/communities/" + own.community + "/households", household("无网格住户", null, 9)));
        long myNeed = need(mine);
        long theirNeed = need(theirs);
        long noGridNeed = need(noGrid);
        new Db(dataSource).update("UPDATE need SET due_at = ? WHERE id IN (?, ?, ?)",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)), myNeed, theirNeed, noGridNeed);
        String leader = TestTokens.gridLeader(own.community, List.of(GRID_A));
        String wholeCommunity = TestTokens.staff("COORDINATOR", List.of(own.community));

        // no matcher runs here: fresh needs stay MATCHING
        for (String list : List.of("/needs", "/needs/overdue", "/needs?status=MATCHING&status=OPEN")) {
            String path = "/api/communities/" + own.community + list;
            Set<Long> seen = ids(send(HttpRequest.GET(path), leader));
            assertTrue(seen.contains(myNeed), path + " " + seen);
            assertTrue(!seen.contains(theirNeed) && !seen.contains(noGridNeed) && !seen.contains(otherGrid.need),
                    path + " shows another grid's need: " + seen);
            Set<Long> all = ids(send(HttpRequest.GET(path), wholeCommunity));
            assertTrue(all.containsAll(List.of(myNeed, theirNeed, noGridNeed)), "the community's coordinator sees all: " + all);
        }
        Set<Long> wishes = ids(send(HttpRequest.GET("/api/communities/" + own.community + "/wishes"), leader));
        assertTrue(wishes.contains(own.wish) && !wishes.contains(otherGrid.wish), wishes.toString());

        Set<Long> found = ids(send(HttpRequest.GET("/api/households?communityId=" + own.community + "&q="
                + java.net.URLEncoder.encode("网格", java.nio.charset.StandardCharsets.UTF_8)), leader));
        assertEquals(Set.of(mine), found);
        assertEquals(Set.of(mine, theirs, noGrid), ids(send(HttpRequest.GET("/api/households?communityId=" + own.community
                + "&q=" + java.net.URLEncoder.encode("网格", java.nio.charset.StandardCharsets.UTF_8)), wholeCommunity)));
        assertEquals("[]", send(HttpRequest.GET("/api/households?phone=" + otherGrid.phone), leader).body());
        assertTrue(ids(send(HttpRequest.GET("/api/households?phone=" + own.phone), leader)).contains(own.household));
    }

    @Test
    void a_grid_leader_is_refused_with_problem_json_when_writing_to_another_grid() {
        String leader = TestTokens.gridLeader(own.community, List.of(GRID_A));
        List<HttpResponse<String>> refused = List.of(
                send(HttpRequest.POST("/api/needs", Map.of("householdId", otherGrid.household, "category", "ERRANDS",
                        "urgency", "TODAY", "description", "代购")), leader),
                send(HttpRequest.POST("/api/households/" + otherGrid.household + "/diary", Map.of("text", "走访", "kind", "VISIT")), leader),
                // moving an own-grid household into another grid is a write to that grid
                send(HttpRequest.PUT("/api/households/" + own.household, household("居民1", "grid-b", 1)), leader),
                send(HttpRequest.POST("/api/communities/" + own.community + "/households",
                        household("新住户", null, 5)), leader),
                // a project is the whole community's
                send(HttpRequest.POST("/api/communities/" + own.community + "/wishes", Map.of("kind", "PROJECT",
                        "title", "每周义诊", "partner", "社区卫生站", "schedule", "每周二", "publishedBy", "grid-leader")), leader));
        for (HttpResponse<String> r : refused) {
            assertEquals(403, r.getStatus().getCode(), r.body());
            assertTrue(r.getHeaders().getContentType().orElse("").contains("problem+json"), r.getHeaders().asMap().toString());
        }
        HttpResponse<String> diary = send(HttpRequest.POST("/api/households/" + own.household + "/diary",
                Map.of("text", "走访", "kind", "VISIT")), leader);
        assertEquals(201, diary.getStatus().getCode(), diary.body());
        // the full phone view of an own-grid household is allowed, and audited like anyone's
        assertEquals(200, send(HttpRequest.GET("/api/households/" + own.household + "/contact"), leader).getStatus().getCode());
        String audit = send(HttpRequest.GET("/api/audit"), TestTokens.admin()).body();
        assertTrue(audit.contains("test-grid-leader") && audit.contains("household:" + own.household), audit);
    }

    @Test
    void a_street_coordinator_serves_every_community_of_the_street_and_no_other() {
        String street = TestTokens.street("COORDINATOR", ownStreet);
        assertEquals(200, send(HttpRequest.GET("/api/communities/" + own.community + "/needs"), street).getStatus().getCode());
        assertEquals(403, send(HttpRequest.GET("/api/communities/" + other.community + "/needs"), street).getStatus().getCode());
        String late = "late-" + suffix;
        post("/api/communities", Map.of("id", late, "name", "后建社区", "street", ownStreet));
        // the same token: the street is resolved when the request is checked, not when the token was issued
        assertEquals(200, send(HttpRequest.GET("/api/communities/" + late + "/needs"), street).getStatus().getCode());
        String listed = send(HttpRequest.GET("/api/communities"), street).body();
        assertTrue(listed.contains(own.community) && listed.contains(late) && !listed.contains(other.community), listed);
    }

    /**
     * An SSE stream is asked with a plain client that reads only the status line (the queue's stream
     * sends its first event at once), so an allowed stream does not hold the test open.
     */
    private static final java.net.http.HttpClient PLAIN = java.net.http.HttpClient.newHttpClient();

    private Map<String, Object> household(String name, String grid, int n) {
        Map<String, Object> h = new LinkedHashMap<>(Map.of("headName", name, "phone", "1391234" + String.format("%04d",
                (Math.abs(suffix.hashCode()) + n) % 10000), "building", n + "号楼", "address", n + "号楼2单元" + n + "01",
                "lat", 39.7, "lon", 116.3));
        if (grid != null) {
            h.put("grid", grid);
        }
        return h;
    }

    private long need(long household) {
        return id(post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                "description", "送餐")));
    }

    private static Set<Long> ids(HttpResponse<String> response) {
        assertEquals(200, response.getStatus().getCode(), response.body());
        try {
            Set<Long> ids = new TreeSet<>();
            org.onecall.events.EventJson.MAPPER.readTree(response.body()).forEach(n -> ids.add(n.get("id").asLong()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The username in {@link #token}'s token for the role, for routes about one's own account. */
    private static String usernameOf(String role) {
        return switch (role) {
            case "STREET" -> TestTokens.streetName("COORDINATOR");
            case "GRID" -> TestTokens.GRID_LEADER;
            default -> TestTokens.staffName(role);
        };
    }

    private MutableHttpRequest<?> request(String method, String template, Side side, String caller) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/').append(!segment.startsWith("{") ? segment
                    : segment.equals("{name}") ? (side == own ? caller : "someone-else") : side.idFor(previous, segment));
            previous = segment;
        }
        String uri = path.isEmpty() ? "/" : path.toString();
        if (uri.equals("/api/households")) {
            uri += "?phone=" + side.phone;
        }
        if (uri.startsWith("/health/")) {
            uri = "/health/liveness";
        }
        if (uri.equals("/api/sms")) {
            uri += "?phone=13800000000";
        }
        Object body = switch (uri) {
            case "/api/needs" -> Map.of("householdId", side.household, "category", "MEALS", "urgency", "TODAY",
                    "description", "午饭");
            case "/api/calls" -> Map.of("householdId", side.household, "needs",
                    List.of(Map.of("category", "REPAIRS", "urgency", "TODAY", "description", "水管漏水",
                            "details", Map.of("whatIsBroken", "水管"))));
            default -> uri.endsWith("/households") && method.equals("POST")
                    ? household("登记" + side.grid, side.grid, 20 + (side.ownSide ? 1 : 2))
                    : uri.endsWith("/wishes") && method.equals("POST") ? Map.of("kind", "WISH",
                    "householdId", side.household, "title", "一台收音机", "publishedBy", "matrix")
                    : Map.of();
        };
        if (uri.endsWith("/imports/volunteers") || uri.endsWith("/imports/merchants")) {
            // a spreadsheet, not JSON: a JSON body is refused (415) before anyone is asked who they are
            return HttpRequest.POST(uri + "?dryRun=true", "姓名,手机号,技能\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .contentType("text/csv");
        }
        return switch (HttpMethod.parse(method)) {
            case GET -> HttpRequest.GET(uri);
            case POST -> HttpRequest.POST(uri, body);
            case PUT -> HttpRequest.PUT(uri, body);
            // a phone id that does not exist: allowed callers get 404, others 403
            case DELETE -> HttpRequest.DELETE(uri);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /**
     * An SSE stream's status line only: an allowed stream stays open, so reading its body would hold
     * the test; the desk's stream answers at once with its first line.
     */
    private int streamStatus(MutableHttpRequest<?> request, String token) {
        java.net.http.HttpRequest.Builder ask = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + server.getPort() + request.getUri()))
                .timeout(Duration.ofSeconds(10)).GET();
        if (!"none".equals(token)) {
            ask.header("Authorization", "Bearer " + token);
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(ask.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String role) {
        return switch (role) {
            case "ADMIN" -> TestTokens.admin();
            case "ANON" -> "none";
            case "VOLUNTEER" -> TestTokens.volunteer(own.volunteer, own.community);
            case "STREET" -> TestTokens.street("COORDINATOR", ownStreet);
            case "GRID" -> TestTokens.gridLeader(own.community, List.of(GRID_A));
            default -> TestTokens.staff(role, List.of(own.community));
        };
    }

    private Set<String> routes() {
        // HEAD routes are generated for every GET and decided by the GET rule (PolicyRule)
        return router.uriRoutes().filter(r -> !r.getHttpMethodName().equals("HEAD"))
                .map(r -> r.getHttpMethodName() + " " + template(r))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "");
    }

    private static Map<String, Map<String, String>> expectations() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : EXPECTED.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=");
                cells.put(kv[0], kv[1]);
            }
            rows.put(parts[0] + " " + parts[1], cells);
        }
        return rows;
    }

    /** One community's (or grid's) fixture: a household, a volunteer, a need offered to that volunteer... */
    static final class Side {
        final String community;
        final String grid;
        long household;
        long volunteer;
        long need;
        long offer;
        long wish;
        long team;
        long merchant;
        String importJob;
        String phone;

        final boolean ownSide;

        Side(String community, String grid, boolean ownSide) {
            this.community = community;
            this.grid = grid;
            this.ownSide = ownSide;
        }

        /** {@code street} null: the community exists already (another grid of it). */
        void create(SecuredApiTest t, int n, String street) {
            if (street != null) {
                t.post("/api/communities", Map.of("id", community, "name", "社区" + n, "street", street));
            }
            phone = "1390000" + String.format("%04d", Math.abs(community.hashCode() + n) % 10000);
            household = id(t.post("/api/communities/" + community + "/households", Map.of("headName", "居民" + n,
                    "phone", phone, "building", n + "号楼", "address", n + "号楼1单元101", "grid", grid,
                    "lat", 39.7, "lon", 116.3)));
            volunteer = id(t.post("/api/communities/" + community + "/volunteers", Map.of("name", "志愿者" + n,
                    "phone", "1380000" + String.format("%04d", Math.abs(community.hashCode() + 7 + n) % 10000),
                    "skills", List.of("MEALS"), "lat", 39.7, "lon", 116.3, "maxConcurrentJobs", 3, "onDuty", true)));
            need = id(t.post("/api/needs", Map.of("householdId", household, "category", "MEALS", "urgency", "TODAY",
                    "description", "送餐")));
            wish = id(t.post("/api/communities/" + community + "/wishes", Map.of("kind", "WISH",
                    "householdId", household, "title", "一件新棉衣", "publishedBy", "fixture")));
            team = t.postTree("/api/communities/" + community + "/teams", Map.of("name", "志愿服务队" + n))
                    .at("/team/id").asLong();
            merchant = t.postTree("/api/communities/" + community + "/merchants", Map.of("name", "药房" + n,
                    "kind", "MERCHANT", "offerings", List.of(Map.of("category", "MEDICINE", "description", "代购药品")),
                    "lat", 39.7, "lon", 116.3, "dailyCapacity", 40, "fulfilment", "BOTH")).at("/merchant/id").asLong();
            importJob = t.importJob(community);
        }

        /** Stands in for the matcher: proposes this side's volunteer, then waits for the offer. */
        void offer(SecuredApiTest t, KafkaSender kafka) {
            EventEnvelope proposal = EventEnvelope.of(new MatchProposed(need, 1, volunteer, null, 50, "fixture"),
                    community, Clock.systemUTC());
            kafka.sendAndWait(new ProducerRecord<>(Topics.MATCHES, community, EventJson.write(proposal)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !t.list("/api/volunteers/" + volunteer + "/offers").isEmpty());
            offer = ((Number) t.list("/api/volunteers/" + volunteer + "/offers").get(0).get("offerId")).longValue();
        }

        String idFor(String previousSegment, String variable) {
            return switch (previousSegment) {
                case "communities" -> community;
                case "households" -> String.valueOf(household);
                case "volunteers" -> String.valueOf(volunteer);
                case "needs", "jobs" -> String.valueOf(need);
                case "offers" -> String.valueOf(offer);
                case "wishes" -> String.valueOf(wish);
                case "phones" -> "999999";
                case "teams" -> String.valueOf(team);
                case "merchants" -> String.valueOf(merchant);
                case "imports" -> importJob;
                case "service-targets" -> "MEALS";
                // no complaint in the fixture: allowed callers get 404 (scope is checked by the service, see ComplaintTest)
                case "complaints" -> "999999";
                case "health" -> "liveness";
                // no such account: the admin gets 404 (400 for the empty switch body), nobody's account changes
                case "accounts" -> "no-account-" + (ownSide ? "own" : "other");
                case "callbacks" -> "999999";
                // no person's data: the admin gets the (empty) list, everyone but the SERVICE role is refused
                case "streets" -> "no-such-street";
                default -> throw new IllegalArgumentException("no fixture for " + variable + " after " + previousSegment);
            };
        }
    }
}
