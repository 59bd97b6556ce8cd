package org.onecall.dispatch.need;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.onecall.dispatch.Api;

/**
 * A community on a street with people at every rung: a medicine team with its leader, grid-1 with its
 * leader (a volunteer) and a grid-leader account, the community's coordinator and the street's.
 */
final class LadderFixture {

    final String street;
    final String community;
    final long teamLeader;
    final long gridLeader;
    final long team;
    final long household;
    final String gridLeaderAccount;
    final String coordinatorAccount;
    final String streetAccount;

    LadderFixture(Api api) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        street = "s-" + suffix;
        community = "c-" + suffix;
        api.post("/api/streets", Map.of("id", street, "name", "清源街道 " + suffix)).expect(201);
        api.post("/api/communities", Map.of("id", community, "name", "兴华南里 " + suffix, "street", street))
                .expect(201);
        teamLeader = api.volunteer(community, false, 2);
        gridLeader = api.volunteer(community, false, 2);
        team = api.post("/api/communities/" + community + "/teams", Map.of("name", "代购药品服务队",
                "specialty", "MEDICINE 代购药品", "leaderVolunteerId", teamLeader)).expect(201).at("/team/id").asLong();
        api.post("/api/communities/" + community + "/grids", Map.of("code", "grid-1", "name", "第一网格",
                "leaderVolunteerId", gridLeader)).expect(201);
        household = api.household(community);
        gridLeaderAccount = "grid-" + suffix;
        coordinatorAccount = "coord-" + suffix;
        streetAccount = "street-" + suffix;
        account(api, gridLeaderAccount, "李网格长", List.of(community), null, List.of("grid-1"));
        account(api, coordinatorAccount, "张书记", List.of(community), null, List.of());
        account(api, streetAccount, "陈主任", List.of(), street, List.of());
    }

    private static void account(Api api, String username, String name, List<String> communities, String street,
                                List<String> grids) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", name,
                "role", "COORDINATOR", "communities", communities, "grids", grids,
                "password", "a long enough password"));
        if (street != null) {
            body.put("street", street);
        }
        api.post("/api/accounts", body).expect(201);
    }

    long raise(Api api) {
        return api.raiseWith(Map.of("householdId", household)).expect(201).get("id").asLong();
    }

    static JsonNode lastLine(Api api, long need) {
        List<JsonNode> lines = api.history(need);
        return lines.get(lines.size() - 1);
    }
}
