package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/** Volunteer sheets in CSV and XLSX: a dry run, all or nothing, every bad line reported, progress while it runs. */
class VolunteerImportTest extends SheetImportTestBase {

    static final String HEADER = "姓名,手机号,类型,技能,所属网格,纬度,经度,每周可服务时间,最多同时任务,语言方言,请假时段,在岗,状态,加入日期,备注";

    @Test
    void tenThousandLinesImportInOneGoWithProgressAndEveryStatePublished() {
        String community = newCommunity();
        int n = 10_000;
        importMany("volunteers", community, HEADER, VolunteerImportTest::line, n);
        assertEquals(n, get("/api/communities/" + community + "/volunteers").size());

        // every imported volunteer's state reaches the compacted topic, with the sheet's calendar
        VolunteerStateChanged some = publishedStates(community, n).stream().map(p -> (VolunteerStateChanged) p)
                .filter(v -> v.displayName().startsWith("志")).findFirst().orElseThrow();
        assertEquals(5, some.availability().size(), "周一至周五 08:00-12:00");
        assertEquals(1, some.leave().size());
    }

    @Test
    void aFileFullOfBadLinesImportsNothingAndReportsEachWithItsLineAndReason() {
        String community = newCommunity();
        String csv = HEADER + "\n"
                + line(1) + "\n"                                                                      // 2: fine
                + ",13900000002,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"               // 3: no name
                + "王二,12ab,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"                   // 4: phone
                + "张三,13900000004,外星人,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"           // 5: kind
                + "李四,13900000005,居民,飞行,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"             // 6: skill
                + "赵五,13900000006,居民,送餐,grid-1,北纬39度,116.34,,1,,,是,正常,2024-01-01,\n"          // 7: lat
                + "钱六,13900000007,居民,送餐,grid-1,39.72,116.34,周八 08:00-12:00,1,,,是,正常,2024-01-01,\n" // 8: hours
                + "孙七,13900000008,居民,送餐,grid-1,39.72,116.34,,99,,,是,正常,2024-01-01,\n"            // 9: max jobs
                + "周八,13900000009,居民,送餐,grid-1,39.72,116.34,,1,,2025-02-01~2025-01-01,是,正常,2024-01-01,\n" // 10
                + "吴九,13800000001,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"             // 11: dup of 2
                + "郑十,13900000011,居民,送餐,grid-1,91,116.34,,1,,,也许,正常,2024-13-01,\n";              // 12: three
        JsonNode done = awaitFinished(post(community, csv.getBytes(StandardCharsets.UTF_8), CSV, false)
                .get("id").asText(), new ArrayList<>(), Duration.ofSeconds(60));

        assertEquals("REJECTED", done.get("state").asText(), done.toString());
        assertEquals(0, done.get("importedRows").asInt());
        Map<Integer, String> codes = codesByLine(done);
        assertEquals(Map.ofEntries(
                Map.entry(3, "姓名 EMPTY"),
                Map.entry(4, "手机号 NOT_A_PHONE"),
                Map.entry(5, "类型 UNKNOWN_VOLUNTEER_KIND value=外星人"),
                Map.entry(6, "技能 UNKNOWN_CATEGORY value=飞行"),
                Map.entry(7, "纬度 NOT_A_NUMBER value=北纬39度"),
                Map.entry(8, "每周可服务时间 NOT_WEEKLY_HOURS value=周八 08:00-12:00"),
                Map.entry(9, "最多同时任务 TOO_LARGE max=10"),
                Map.entry(10, "请假时段 PERIOD_ENDS_BEFORE_START value=2025-02-01~2025-01-01"),
                Map.entry(11, "手机号 DUPLICATE_IN_FILE line=2,value=13800000001"),
                Map.entry(12, "纬度 TOO_LARGE max=90 | 在岗 NOT_YES_NO value=也许 | 加入日期 NOT_A_DATE value=2024-13-01")),
                codes);
        // no Accept-Language: the reasons are in Chinese
        Map<Integer, String> byLine = byLine(done);
        assertEquals("姓名: 不能为空", byLine.get(3));
        assertEquals("手机号: 13800000001 与第 2 行重复", byLine.get(11));
        assertEquals("最多同时任务: 不能大于 10", byLine.get(9));
        assertEquals(12, done.get("errorCount").asInt(), "line 12 has three problems: " + byLine.get(12));
        assertEquals(0, get("/api/communities/" + community + "/volunteers").size(), "all or nothing");
    }

    @Test
    void aDryRunChecksEveryLineAndWritesNothingThenTheSameFileImports() {
        String community = newCommunity();
        String csv = HEADER + "\n" + line(1) + "\n" + line(2) + "\n";
        // Excel on Chinese Windows saves CSV as GB18030 (GBK)
        byte[] gbk = csv.getBytes(Charset.forName("GB18030"));

        JsonNode dry = awaitFinished(post(community, gbk, CSV, true).get("id").asText(), new ArrayList<>(),
                Duration.ofSeconds(60));
        assertEquals("VALID", dry.get("state").asText(), dry.toString());
        assertEquals(0, get("/api/communities/" + community + "/volunteers").size());

        JsonNode real = awaitFinished(post(community, gbk, CSV, false).get("id").asText(), new ArrayList<>(),
                Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", real.get("state").asText(), real.toString());
        JsonNode first = get("/api/communities/" + community + "/volunteers").get(0);
        assertEquals("志愿者1", first.get("name").asText());
        assertEquals("RETIRED_MEMBER", first.get("kind").asText());

        // importing it again: every phone is already registered, nothing changes
        JsonNode again = awaitFinished(post(community, gbk, CSV, false).get("id").asText(), new ArrayList<>(),
                Duration.ofSeconds(60));
        assertEquals("REJECTED", again.get("state").asText());
        assertEquals("ALREADY_EXISTS", again.get("errors").get(0).get("code").asText(), again.toString());
        assertEquals("13800000001", again.get("errors").get(0).get("params").get("value").asText());
        assertEquals(2, get("/api/communities/" + community + "/volunteers").size());
    }

    @Test
    void aSheetWithoutARequiredColumnIsRejectedOnLineOne() {
        String community = newCommunity();
        byte[] csv = "姓名,手机号,技能\n张三,13800000000,送餐\n".getBytes(StandardCharsets.UTF_8);
        JsonNode done = awaitFinished(post(community, csv, CSV, true).get("id").asText(), new ArrayList<>(),
                Duration.ofSeconds(60));
        assertEquals("REJECTED", done.get("state").asText());
        List<String> missing = StreamSupport.stream(done.get("errors").spliterator(), false)
                .peek(e -> assertEquals(1, e.get("line").asInt())).map(e -> e.get("column").asText()).toList();
        assertEquals(List.of("纬度", "经度"), missing);
        assertEquals(Map.of(1, "纬度 MISSING_COLUMN column=纬度 | 经度 MISSING_COLUMN column=经度"), codesByLine(done));
        assertEquals("缺少必填的“纬度”列", done.get("errors").get(0).get("reason").asText());
    }

    @Test
    void anXlsxWorkbookImportsWithNumbersAndDatesAsExcelStoresThem() throws IOException {
        String community = newCommunity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "OneCall test", "1.0")) {
            Worksheet ws = wb.newWorksheet("志愿者");
            String[] header = HEADER.split(",");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (int r = 1; r <= 3; r++) {
                ws.value(r, 0, "表格志愿者" + r);
                ws.value(r, 1, 13700000000L + r);          // phones typed as numbers
                ws.value(r, 2, "在职党员");
                ws.value(r, 3, "维修、陪诊");
                ws.value(r, 4, "grid-2");
                ws.value(r, 5, 39.7275 + r * 0.001);
                ws.value(r, 6, 116.3405);
                ws.value(r, 7, "周六 09:00-17:00；周日 09:00-12:00");
                ws.value(r, 8, 2);
                ws.value(r, 11, "是");
                ws.value(r, 13, java.time.LocalDate.of(2023, 3, r));   // a real date cell
                ws.style(r, 13).format("yyyy-mm-dd").set();
            }
            ws.value(4, 0, "坏行");                          // line 5: no phone, no skills, no position
        }
        JsonNode bad = awaitFinished(post(community, out.toByteArray(), XLSX, false).get("id").asText(),
                new ArrayList<>(), Duration.ofSeconds(60));
        assertEquals("REJECTED", bad.get("state").asText(), bad.toString());
        assertTrue(StreamSupport.stream(bad.get("errors").spliterator(), false).allMatch(e -> e.get("line").asInt() == 5),
                bad.toString());
        assertEquals(0, get("/api/communities/" + community + "/volunteers").size());

        ByteArrayOutputStream good = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(good, "OneCall test", "1.0")) {
            Worksheet ws = wb.newWorksheet("志愿者");
            String[] header = {"姓名", "手机号", "技能", "纬度", "经度", "加入日期"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            ws.value(1, 0, "表格志愿者");
            ws.value(1, 1, 13700000001L);
            ws.value(1, 2, "HOSPITAL_ESCORT");
            ws.value(1, 3, 39.7275);
            ws.value(1, 4, 116.3405);
            ws.value(1, 5, java.time.LocalDate.of(2023, 3, 1));
            ws.style(1, 5).format("yyyy-mm-dd").set();
        }
        JsonNode done = awaitFinished(post(community, good.toByteArray(), XLSX, false).get("id").asText(),
                new ArrayList<>(), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.get("state").asText(), done.toString());
        JsonNode v = get("/api/communities/" + community + "/volunteers").get(0);
        assertEquals("137****0001", v.get("phone").asText(), "phones are masked in the volunteer list");
        assertEquals("2023-03-01", v.get("joinedOn").asText());
        assertEquals("HOSPITAL_ESCORT", v.get("skills").asText());
    }

    private JsonNode post(String community, byte[] file, MediaType type, boolean dryRun) {
        return post("volunteers", community, file, type, dryRun);
    }

    /** A good line: a retired member in one of ten grids, weekday mornings, one week's leave next winter. */
    static String line(int i) {
        return "志愿者" + i + "," + (13800000000L + i) + ",离退休党员,代购药品、送餐,grid-" + (i % 10) + ","
                + (39.70 + (i % 100) * 0.0005) + "," + (116.30 + (i / 100) * 0.0005)
                + ",周一至周五 08:00-12:00,2,普通话,2030-12-01~2030-12-07,是,正常,2024-05-01,备注" + i;
    }
}
