package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;

/**
 * A phone registered by someone else after the sheet was checked but before it is written (another
 * instance, a form): the unique constraint refuses the whole file and the job names the line.
 */
class ImportRaceTest extends SheetImportTestBase {

    @Inject
    SheetImports imports;
    @Inject
    VolunteerSheet sheet;
    @Inject
    Volunteers volunteers;

    @Test
    void aPhoneTakenBetweenTheCheckAndTheWriteRejectsTheFileNamingItsLine() {
        String community = newCommunity();
        String csv = VolunteerImportTest.HEADER + "\n" + VolunteerImportTest.line(1) + "\n"
                + VolunteerImportTest.line(2) + "\n" + VolunteerImportTest.line(3) + "\n";
        SheetKind<VolunteerSheet.Row> racing = new SheetKind<>() {
            @Override
            public String name() {
                return "volunteers";
            }

            @Override
            public Reader<VolunteerSheet.Row> reader(String communityId, List<String> header) {
                return sheet.reader(communityId, header);
            }

            @Override
            public int write(String communityId, List<VolunteerSheet.Row> rows, IntConsumer progress) {
                // the other writer commits on its own thread, after every line passed the check
                CompletableFuture.runAsync(() -> volunteers.register(communityId, new NewVolunteer("抢先",
                        "+86 " + (13800000000L + 2), List.of(Category.MEALS), 39.7, 116.3, 1, true))).join();
                return sheet.write(communityId, rows, progress);
            }
        };
        ImportJob job = imports.start(racing, community, "race.csv", csv.getBytes(StandardCharsets.UTF_8), false,
                Language.ZH_CN);
        JsonNode done = awaitFinished(job.id(), new ArrayList<>(), Duration.ofSeconds(60));

        assertEquals("REJECTED", done.get("state").asText(), done.toString());
        assertEquals(0, done.get("importedRows").asInt());
        assertEquals(1, done.get("errors").size(), done.toString());
        JsonNode error = done.get("errors").get(0);
        assertEquals(3, error.get("line").asInt());
        assertEquals("手机号", error.get("column").asText());
        assertEquals("ALREADY_EXISTS", error.get("code").asText(), error.toString());
        assertEquals("13800000002", error.get("params").get("value").asText(), error.toString());
        assertEquals("13800000002 已经登记过，不能重复登记", error.get("reason").asText());
        assertEquals("WRITE_CONFLICT", done.get("messageCode").asText(), done.toString());
        assertTrue(done.get("message").asText().startsWith("没有导入任何数据"), done.toString());
        assertEquals(List.of("抢先"), volunteers.inCommunity(community).stream().map(v -> v.name()).toList(),
                "nothing of the file was written");
    }
}
