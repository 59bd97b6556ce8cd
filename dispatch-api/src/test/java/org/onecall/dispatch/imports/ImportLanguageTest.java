package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Import reasons in the caller's language over HTTP: Chinese unless Accept-Language prefers English,
 * put in words at each read from the stored codes, so one job reads in either language with the same
 * codes and values.
 */
class ImportLanguageTest extends SheetImportTestBase {

    @Inject
    ImportJobRepository repository;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("onecall.imports.max-rows", "20");
        return p;
    }

    @Test
    void aBadFileReadsInChineseByDefaultAndInEnglishWhenAskedWithTheSameCodes() {
        String community = newCommunity();
        String csv = VolunteerImportTest.HEADER + "\n"
                + VolunteerImportTest.line(1) + "\n"
                + ",13900000002,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"          // 3: no name
                + "王二,13900000003,居民,飞行,grid-1,39.72,116.34,,1,,,也许,正常,2024-01-01,\n"    // 4: skill, on duty
                + "吴九,13800000001,居民,送餐,grid-1,39.72,116.34,,99,,,是,正常,2024-01-01,\n";    // 5: dup, max jobs
        // started in English: what is stored is the code, not the sentence
        String id = send(upload("/api/communities/" + community + "/imports/volunteers?dryRun=true",
                csv.getBytes(StandardCharsets.UTF_8), CSV).header(HttpHeaders.ACCEPT_LANGUAGE, "en")).get("id").asText();
        JsonNode zh = awaitFinished(id, new ArrayList<>(), Duration.ofSeconds(60));
        assertEquals("REJECTED", zh.get("state").asText(), zh.toString());

        assertEquals(List.of(
                "3 姓名 EMPTY {} 不能为空",
                "4 技能 UNKNOWN_CATEGORY {\"value\":\"飞行\"} “飞行”不是已知的服务类别（例如 送餐、代购药品、维修、陪诊）",
                "4 在岗 NOT_YES_NO {\"value\":\"也许\"} “也许”不是“是”或“否”",
                "5 手机号 DUPLICATE_IN_FILE {\"value\":\"13800000001\",\"line\":\"2\"} 13800000001 与第 2 行重复",
                "5 最多同时任务 TOO_LARGE {\"max\":\"10\"} 不能大于 10"), rows(zh));

        JsonNode en = job(id, "en");
        assertEquals(List.of(
                "3 姓名 EMPTY {} is empty",
                "4 技能 UNKNOWN_CATEGORY {\"value\":\"飞行\"} \"飞行\" is not a known category (e.g. 送餐, 代购药品, 维修, 陪诊)",
                "4 在岗 NOT_YES_NO {\"value\":\"也许\"} \"也许\" is not 是 or 否",
                "5 手机号 DUPLICATE_IN_FILE {\"value\":\"13800000001\",\"line\":\"2\"} 13800000001 is also on line 2",
                "5 最多同时任务 TOO_LARGE {\"max\":\"10\"} must be at most 10"), rows(en));

        // the ignored 备注 column, in either language
        assertEquals("IGNORED_COLUMNS", zh.get("messageCode").asText());
        assertEquals("备注", zh.get("messageParams").get("columns").asText());
        assertEquals("以下列无法识别，已跳过：备注", zh.get("message").asText());
        assertEquals("ignored columns: 备注", en.get("message").asText());

        // a browser's header: English preferred; another language or a Chinese preference: Chinese
        assertEquals(rows(en), rows(job(id, "en-US,en;q=0.9,zh-CN;q=0.8")));
        assertEquals(rows(zh), rows(job(id, "fr-FR,fr;q=0.9")));
        assertEquals(rows(zh), rows(job(id, "zh-CN,zh;q=0.9,en;q=0.8")));
    }

    @Test
    void aFileThatCannotBeImportedSaysWhyInEitherLanguage() {
        String community = newCommunity();
        StringBuilder many = new StringBuilder(VolunteerImportTest.HEADER).append('\n');
        for (int i = 0; i < 21; i++) {
            many.append(VolunteerImportTest.line(i)).append('\n');
        }
        JsonNode tooMany = run("volunteers", community, many.toString().getBytes(StandardCharsets.UTF_8), CSV, true);
        assertEquals("FAILED", tooMany.get("state").asText(), tooMany.toString());
        assertEquals("TOO_MANY_ROWS", tooMany.get("messageCode").asText());
        assertEquals("21", tooMany.get("messageParams").get("rows").asText());
        assertEquals("文件有 21 行，一次最多导入 20 行：请拆分成几个文件", tooMany.get("message").asText());
        assertEquals("the file has 21 lines; at most 20 are imported at once: split it",
                job(tooMany.get("id").asText(), "en").get("message").asText());

        JsonNode quote = run("merchants", community, (MerchantImportTest.HEADER + "\n\"兴华大药房,商户\n")
                .getBytes(StandardCharsets.UTF_8), CSV, true);
        assertEquals("FAILED", quote.get("state").asText(), quote.toString());
        assertEquals("UNCLOSED_QUOTE", quote.get("messageCode").asText());
        assertEquals("第 2 行：引号没有配对（一个用引号括起的内容没有结束）", quote.get("message").asText());
        assertEquals("line 2: a quoted field is never closed", job(quote.get("id").asText(), "en").get("message").asText());

        // a ZIP that is no workbook: the reader's own words come along, in English, in both
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 'n', 'o', 't', ' ', 'a', ' ', 'w', 'o', 'r', 'k', 'b', 'o', 'o', 'k'};
        JsonNode xlsx = run("volunteers", community, zip, XLSX, true);
        assertEquals("FAILED", xlsx.get("state").asText(), xlsx.toString());
        assertEquals("NOT_XLSX", xlsx.get("messageCode").asText());
        assertTrue(xlsx.get("message").asText().startsWith("无法读取这个 XLSX 工作簿"), xlsx.toString());
        assertTrue(job(xlsx.get("id").asText(), "en").get("message").asText().startsWith("not a readable XLSX workbook"));

        // an empty body is refused at once, in the caller's language
        Problem zh = refused(upload("/api/communities/" + community + "/imports/volunteers", new byte[0], CSV));
        Problem en = refused(upload("/api/communities/" + community + "/imports/volunteers", new byte[0], CSV)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
        assertEquals(400, zh.status(), zh.body().toString());
        assertEquals("文件是空的：第一行必须是列名", zh.body().get("errors").get(0).get("reason").asText(), zh.body().toString());
        assertEquals("the file is empty: the first line must be the column headers",
                en.body().get("errors").get(0).get("reason").asText(), en.body().toString());
    }

    @Test
    void aJobFromBeforeTheCodesReadsAsItWasWritten() {
        String community = newCommunity();
        String id = UUID.randomUUID().toString();
        repository.save(new ImportJob(id, community, "old.csv", false, ImportJob.State.REJECTED, 2, 2, 0, 1,
                "[{\"line\":3,\"column\":\"姓名\",\"reason\":\"is empty\"}]", "ignored columns: 备注", null, null,
                Instant.now(), Instant.now()));
        for (String language : new String[] {"zh-CN", "en"}) {
            JsonNode old = job(id, language);
            assertEquals("is empty", old.get("errors").get(0).get("reason").asText(), old.toString());
            assertTrue(old.get("errors").get(0).path("code").isMissingNode()
                    || old.get("errors").get(0).get("code").isNull(), old.toString());
            assertEquals("ignored columns: 备注", old.get("message").asText());
            assertTrue(old.path("messageCode").isMissingNode() || old.get("messageCode").isNull(), old.toString());
        }
    }

    private JsonNode job(String id, String acceptLanguage) {
        return send(HttpRequest.GET("/api/imports/" + id).header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage));
    }

    /** "line column CODE {params} reason" for each error, in order. */
    private static List<String> rows(JsonNode job) {
        List<String> rows = new ArrayList<>();
        for (JsonNode e : job.get("errors")) {
            rows.add(e.get("line").asInt() + " " + e.get("column").asText() + " " + e.get("code").asText() + " "
                    + (e.has("params") ? e.get("params").toString() : "{}") + " " + e.get("reason").asText());
        }
        return rows;
    }
}
