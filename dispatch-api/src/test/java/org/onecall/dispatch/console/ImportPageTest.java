package org.onecall.dispatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The import page in Chromium as a coordinator: a real CSV of thousands of lines goes in with its
 * progress shown to the end; a file of bad lines shows every line number and reason (in the page's
 * language, Chinese or English) and imports nothing; on a phone the page fits the screen.
 */
class ImportPageTest extends BrowserTestBase {

    static final String HEADER = "姓名,手机号,类型,技能,所属网格,纬度,经度,每周可服务时间,最多同时任务,语言方言,请假时段,在岗,状态,加入日期,备注";
    static final String XSS = "<img src=x onerror=\"window.__xss=1\">";

    private Path files;
    private String community;

    @BeforeAll
    void coordinator() throws IOException {
        files = Files.createTempDirectory("onecall-import-page-");
        community = newCommunity();
        account("coordinator-import", "COORDINATOR", community);
        newCommunity(); // another community, not theirs: not offered
        browser.signIn("coordinator-import", PASSWORD);
    }

    @AfterAll
    void removeFiles() throws IOException {
        try (var paths = Files.walk(files)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aFewThousandLinesAreCheckedThenImportedWithTheProgressShownToTheEnd() throws IOException {
        int n = 3000;
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(line(i)).append('\n');
        }
        Path file = write("志愿者名册.csv", csv.toString());

        openImportPage();
        assertEquals(List.of(community), browser.all("#community option").stream()
                .map(o -> o.getAttribute("value")).toList(), "only the coordinator's own community");
        browser.find("#file").sendKeys(file.toString());
        recordProgress();
        browser.click("#check");
        awaitState("VALID");
        assertEquals("全部 3,000 行都没有问题，尚未写入。", browser.find("#result-summary").getText());
        assertEquals("已检查 3,000 / 3,000 行", browser.find("#job-counts").getText());
        assertEquals(0, volunteerRows(community), "a dry run writes nothing");

        recordProgress();
        browser.click("#import-now");
        awaitState("SUCCEEDED");
        assertEquals("导入完成", browser.find("#job-state").getText());
        assertEquals("已写入 3,000 / 3,000 行", browser.find("#job-counts").getText());
        assertEquals("已成功导入 3,000 条。", browser.find("#result-summary").getText());
        assertEquals(n, ((Number) browser.js("return document.getElementById('job-progress').value")).intValue());
        assertEquals(n, ((Number) browser.js("return document.getElementById('job-progress').max")).intValue());
        assertTrue(browser.find("#result-note").getText().contains("备注"), "the ignored column is named");
        assertEquals(n, volunteerRows(community), "every line is in the database");
        assertEquals(n, volunteers(community).size());

        // what the page showed on the way: upload, queue, then the job's own states, the bar never going back
        List<String> seen = progressSeen();
        assertEquals("UPLOADING", seen.get(0).split(" ")[0], seen.toString());
        assertEquals("SUCCEEDED 3000/3000", seen.get(seen.size() - 1), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("QUEUED") || s.startsWith("VALIDATING")
                || s.startsWith("IMPORTING")), seen.toString());
        assertMonotonic(seen);
    }

    @Test
    void aMerchantListIsImportedThroughTheSamePage() throws IOException {
        int n = 400;
        StringBuilder csv = new StringBuilder("名称,类型,提供服务,联系电话,地址,纬度,经度,营业时间,每日接单量,配送方式\n");
        for (int i = 0; i < n; i++) {
            csv.append(String.join(",", "商户" + i, i % 5 == 0 ? "共建单位" : "商户",
                    "\"代购药品：常用药；代购代办：日用品\"", "010-6920 " + String.format(Locale.ROOT, "%04d", i),
                    "兴华南里" + i + "号", "39.7284", "116.3412", "每天 08:00-20:00", "40", "送货上门")).append('\n');
        }
        Path file = write("商户名录.csv", csv.toString());
        long before = merchantRows(community);

        browser.go("/console/import.html");
        browser.visible("#import-form");
        browser.choose("#community", community);
        browser.choose("#kind", "merchants");
        assertTrue(String.valueOf(browser.js("return document.getElementById('columns-body').textContent"))
                        .contains("每日接单量"),
                "the merchant column reference is shown");
        browser.find("#file").sendKeys(file.toString());
        browser.click("#start");
        awaitState("SUCCEEDED");
        assertEquals("已写入 400 / 400 行", browser.find("#job-counts").getText());
        assertEquals(before + n, merchantRows(community), "every line is in the database");
    }

    @Test
    void aFileOfBadLinesShowsEveryLineWithItsColumnAndReasonAndImportsNothing() throws IOException {
        long before = volunteerRows(community);
        openImportPage();
        browser.find("#file").sendKeys(badFile().toString());
        browser.click("#start");
        awaitState("REJECTED");

        // the reasons in the page's language, Chinese (the server's words, asked for by the page)
        Map<Integer, List<String>> shown = errorsShown();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), List.copyOf(shown.keySet()), shown.toString());
        assertEquals(List.of("姓名: 不能为空"), shown.get(3));
        assertEquals(List.of("手机号: 不是有效的电话号码"), shown.get(4));
        assertEquals(List.of("类型: “" + XSS + "”不是 在职党员、离退休党员、邻里管家 或 居民"), shown.get(5),
                "a cell holding HTML comes back in the reason as text");
        assertEquals(List.of("技能: “飞行”不是已知的服务类别（例如 送餐、代购药品、维修、陪诊）"), shown.get(6));
        assertEquals(List.of("纬度: “北纬39度”不是数字"), shown.get(7));
        assertEquals(List.of("手机号: " + phone(90001) + " 与第 2 行重复"), shown.get(8));
        assertEquals(List.of("最多同时任务: 不能大于 10"), shown.get(9));
        assertTrue(browser.find("#result-summary").getText().startsWith("发现 7 个问题，没有导入任何数据"),
                browser.find("#result-summary").getText());
        assertEquals("有错误，未导入", browser.find("#job-state").getText());
        assertTrue(browser.find("#result-note").getText().contains("以下列无法识别，已跳过：备注"),
                browser.find("#result-note").getText());

        // switched to English, the same job is read again and says the same in English
        browser.click("#lang-switch");
        try {
            browser.waitForText("#row-errors", "is also on line 2");
            shown = errorsShown();
            assertEquals(List.of("姓名: is empty"), shown.get(3));
            assertEquals(List.of("手机号: " + phone(90001) + " is also on line 2"), shown.get(8));
            assertEquals(List.of("最多同时任务: must be at most 10"), shown.get(9));
            assertEquals(List.of("类型: \"" + XSS + "\" is not one of 在职党员, 离退休党员, 邻里管家, 居民"), shown.get(5));
            assertTrue(browser.find("#result-note").getText().contains("ignored columns: 备注"),
                    browser.find("#result-note").getText());
        } finally {
            browser.click("#lang-switch");
        }
        browser.waitForText("#row-errors", "与第 2 行重复");
        assertEquals(List.of("姓名: 不能为空"), errorsShown().get(3));
        assertNull(browser.js("return window.__xss"), "nothing from the file ran");
        assertEquals(before, volunteerRows(community), "nothing was imported");
    }

    @Test
    void onAPhoneThePageFitsTheScreenInChinese() throws IOException {
        browser.phone();
        try {
            openImportPage();
            assertEquals(375L, browser.js("return window.innerWidth"));
            assertNoSideways("the empty form");
            browser.find("#file").sendKeys(badFile().toString());
            browser.click("#check");
            awaitState("REJECTED");
            assertNoSideways("with the error table");
            browser.screenshotFullPage(SCREENSHOTS.resolve("import-zh-CN-375.png"));
            browser.click("#columns summary");
            assertNoSideways("with the column reference open");
        } finally {
            browser.desktop();
        }
    }

    @Test
    void aFileThatIsNotASpreadsheetIsRefusedBeforeUploading() throws IOException {
        openImportPage();
        browser.find("#file").sendKeys(write("名册.xls", "not really excel").toString());
        browser.click("#start");
        browser.waitForText("#form-feedback", "不是 .csv 或 .xlsx 文件");
        assertTrue(browser.find("#job").getAttribute("hidden") != null, "nothing was sent");
    }

    private void openImportPage() {
        browser.go("/console/import.html");
        browser.visible("#import-form");
        browser.choose("#community", community);
        browser.choose("#kind", "volunteers");
    }

    /** Line 2 is fine; each later line has one problem. */
    private Path badFile() throws IOException {
        String csv = HEADER + "\n"
                + line(90001) + "\n"                                                                     // 2: fine
                + ",13900000002,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"                  // 3: no name
                + "王二,12ab,居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"                      // 4: phone
                + "张三,13900000004,\"" + XSS.replace("\"", "\"\"") + "\",送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n" // 5
                + "李四,13900000005,居民,飞行,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"                // 6: skill
                + "赵五,13900000006,居民,送餐,grid-1,北纬39度,116.34,,1,,,是,正常,2024-01-01,\n"             // 7: lat
                + "吴九," + phone(90001) + ",居民,送餐,grid-1,39.72,116.34,,1,,,是,正常,2024-01-01,\n"       // 8: dup of 2
                + "孙七,13900000008,居民,送餐,grid-1,39.72,116.34,,99,,,是,正常,2024-01-01,\n";              // 9: max jobs
        return write("有错误的名册.csv", csv);
    }

    private Map<Integer, List<String>> errorsShown() {
        Map<Integer, List<String>> byLine = new TreeMap<>();
        for (WebElement row : browser.all("#row-errors tbody tr")) {
            List<WebElement> cells = row.findElements(org.openqa.selenium.By.tagName("td"));
            byLine.computeIfAbsent(Integer.parseInt(cells.get(0).getText()), k -> new ArrayList<>())
                    .add(cells.get(1).getText() + ": " + cells.get(2).getText());
        }
        return byLine;
    }

    private void awaitState(String state) {
        browser.visible("#job[data-state='" + state + "']");
    }

    /** Records every state and bar position the page shows from now on (window.__progress). */
    private void recordProgress() {
        browser.js("""
                window.__progress = [];
                const job = document.getElementById('job'), bar = document.getElementById('job-progress');
                const note = () => {
                  const s = `${job.dataset.state} ${bar.hasAttribute('value') ? bar.value : '-'}/${bar.max}`;
                  if (window.__progress.at(-1) !== s) window.__progress.push(s);
                };
                new MutationObserver(note).observe(job, {attributes: true, childList: true, subtree: true,
                    characterData: true});
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> progressSeen() {
        return (List<String>) browser.js("return window.__progress");
    }

    /**
     * The bar measures lines checked (VALIDATING, VALID, REJECTED) or lines written (IMPORTING,
     * SUCCEEDED): within each it never moves back.
     */
    private static void assertMonotonic(List<String> seen) {
        String lastMeasure = "";
        double last = -1;
        for (String s : seen) {
            String[] parts = s.split("[ /]");
            if (parts[0].equals("UPLOADING") || parts[1].equals("-")) {
                continue;
            }
            String measure = parts[0].equals("IMPORTING") || parts[0].equals("SUCCEEDED") ? "written" : "checked";
            double value = Double.parseDouble(parts[1]);
            assertTrue(!measure.equals(lastMeasure) || value >= last, "the bar went back: " + seen);
            lastMeasure = measure;
            last = value;
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }

    static String phone(int i) {
        return String.format(Locale.ROOT, "138%08d", i);
    }

    static String line(int i) {
        String kind = i % 2 == 0 ? "离退休党员" : "在职党员";
        return String.join(",", "志愿者" + i, phone(i), kind, "代购药品、送餐", "grid-" + (i % 3 + 1),
                String.format(Locale.ROOT, "%.5f", 39.72 + (i % 100) * 0.0001),
                String.format(Locale.ROOT, "%.5f", 116.34 + (i % 77) * 0.0001),
                "周一至周五 08:00-12:00", "2", "普通话", "2026-12-01~2026-12-07", "是", "正常", "2024-05-01", "老党员");
    }
}
