package org.onecall.dispatch.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.Databases;
import org.onecall.dispatch.DispatchTest;
import org.onecall.testsupport.TestTokens;

/**
 * What the notifier is told through its service routes for this round's notices: the words of a delay (the
 * volunteer the household expected, even once the need holds nobody), by SMS or as a call-back task; and a
 * staff account's number for an SMS at the top of the ladder, each read audited.
 */
class DelayNoticeTest extends DispatchTest {

    private final String service = TestTokens.token("service-notifier", "SERVICE", List.of(), null);

    @Override
    protected Map<String, String> database() {
        return Databases.h2(getClass());
    }

    @Test
    void aJobGivenBackNamesTheVolunteerTheHouseholdExpectedAndALandlineGetsACallBackTask() {
        String community = api.community();
        long mobile = api.household(community);
        long volunteer = api.volunteer(community);
        long need = assigned(mobile, volunteer);
        api.post("/api/needs/" + need + "/giveback", Map.of("volunteerId", volunteer, "reason", "家里有急事"))
                .expect(200);

        JsonNode sms = notice(need, "GIVEN_BACK", volunteer, "e-1");
        assertEquals("赵大爷您好：原定上门的志愿者李建国临时来不了，我们正在为您另找人，找到后马上告诉您。",
                sms.get("text").asText());
        assertTrue(sms.get("sms").asBoolean());

        long landline = api.household(community, Map.of("headName", "孙大爷", "phone", "010 6234 5671",
                "address", "兴华南里3号楼2单元102")).expect(201).get("id").asLong();
        long late = assigned(landline, volunteer);
        JsonNode task = notice(late, "NOT_ARRIVED", volunteer, "e-2");
        assertEquals("孙大爷您好：志愿者李建国可能会晚到一些，社区正在联系，请您稍候。", task.get("text").asText());
        assertTrue(!task.get("sms").asBoolean());
        assertTrue(task.get("callbackId").isNumber(), task::toString);
        assertEquals(task.get("callbackId"), notice(late, "NOT_ARRIVED", volunteer, "e-2").get("callbackId"),
                "asked again for the same event: the same task");
        assertEquals(400, api.postAs(service, "/api/service/needs/" + late + "/resident-notices",
                Map.of("eventId", "e-3", "about", "LATE")).status());
    }

    @Test
    void aStaffAccountsNumberIsReadForOneSmsAndAudited() {
        String street = "s-" + System.nanoTime();
        api.post("/api/streets", Map.of("id", street, "name", "清源街道")).expect(201);
        String username = "street-" + System.nanoTime();
        api.post("/api/accounts", Map.of("username", username, "displayName", "陈主任", "role", "COORDINATOR",
                "street", street, "phone", "137 0001 0001", "password", "a long enough password")).expect(201);

        JsonNode contact = api.getAs(service, "/api/service/accounts/" + username + "/contact").expect(200);
        assertEquals("13700010001", contact.get("phone").asText());
        assertEquals("陈主任", contact.get("displayName").asText());
        assertTrue(api.get("/api/audit").expect(200).toString().contains("account:" + username), "audited");
        assertEquals(404, api.getAs(service, "/api/service/accounts/nobody-here/contact").status());
        assertEquals(403, api.getAs(TestTokens.token(username, "COORDINATOR", List.of(), null),
                "/api/service/accounts/" + username + "/contact").status(), "the SERVICE role only");

        api.put("/api/accounts/" + username + "/active", Map.of("active", false)).expect(200);
        JsonNode off = api.getAs(service, "/api/service/accounts/" + username + "/contact").expect(200);
        assertTrue(off.path("phone").isMissingNode() || off.path("phone").isNull(), "a switched-off account is not texted");
    }

    private JsonNode notice(long need, String about, long volunteer, String eventId) {
        return api.postAs(service, "/api/service/needs/" + need + "/resident-notices", Map.of("eventId", eventId,
                "about", about, "volunteerId", volunteer)).expect(200);
    }

    private long assigned(long household, long volunteer) {
        long need = api.raise(household).get("id").asLong();
        int round = api.need(need).get("matchAttempt").asInt();
        String community = api.need(need).get("communityId").asText();
        matcher.propose(community, need, round, volunteer);
        eventually().until(() -> api.need(need).get("status").asText().equals("OFFERED"));
        long offer = api.offers(volunteer, "PENDING").stream().filter(o -> o.get("needId").asLong() == need)
                .findFirst().orElseThrow().get("offerId").asLong();
        api.accept(offer, volunteer).expect(200);
        return need;
    }
}
