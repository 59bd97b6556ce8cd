package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.ResourceListsTestBase;
import org.onecall.testsupport.PostgresExtension;

/** V4 and the import's single transaction on real PostgreSQL: a sheet with teams goes in whole, or not at all. */
@ExtendWith(PostgresExtension.class)
class VolunteerImportPostgresTest extends ResourceListsTestBase {

    @Override
    protected Map<String, String> database() {
        return PostgresExtension.databaseFor(VolunteerImportPostgresTest.class).micronautProperties("default");
    }

    @Test
    void aSheetWithTeamsImportsWholeAndABadOneLeavesNoTrace() {
        String c = newCommunity();
        post("/api/communities/" + c + "/teams", Map.of("name", "送药队"));
        String header = VolunteerImportTest.HEADER + ",所属队伍";
        String good = header + "\n" + VolunteerImportTest.line(1) + ",送药队\n" + VolunteerImportTest.line(2) + ",\n";
        JsonNode done = run(c, good);
        assertEquals("SUCCEEDED", done.get("state").asText(), done.toString());
        assertEquals(2, get("/api/communities/" + c + "/volunteers").size());
        assertEquals(1, get("/api/communities/" + c + "/teams").get(0).get("memberIds").size());
        assertEquals(1, get("/api/communities/" + c + "/steward-ratio").get(0).get("counts").get("RETIRED_MEMBER").asInt());

        String bad = header + "\n" + VolunteerImportTest.line(3) + ",送药队\n" + VolunteerImportTest.line(4) + ",巡逻队\n";
        JsonNode rejected = run(c, bad);
        assertEquals("REJECTED", rejected.get("state").asText());
        assertEquals(List.of(3), List.of(rejected.get("errors").get(0).get("line").asInt()));
        assertEquals(Map.of(3, "所属队伍 NO_SUCH_TEAM team=巡逻队"), SheetImportTestBase.codesByLine(rejected));
        assertEquals(2, get("/api/communities/" + c + "/volunteers").size());
    }

    private JsonNode run(String community, String csv) {
        String id = send(upload("/api/communities/" + community + "/imports/volunteers",
                csv.getBytes(StandardCharsets.UTF_8), MediaType.of("text/csv"))).get("id").asText();
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/imports/" + id), j -> j.get("finished").asBoolean());
    }
}
