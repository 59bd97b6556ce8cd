package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.events.ResourceEvents.MerchantStateChanged;

/** Merchant and partner-unit sheets: the volunteer import's request, job and rules, with the merchant's columns. */
class MerchantImportTest extends SheetImportTestBase {

    static final String HEADER = "名称,类型,提供服务,联系电话,地址,纬度,经度,营业时间,每日接单量,配送方式,备注";

    @Inject
    Merchants merchants;

    @Test
    void tenThousandLinesImportInOneGoWithProgressAndEveryStatePublished() {
        String community = newCommunity();
        int n = 10_000;
        importMany("merchants", community, HEADER, MerchantImportTest::line, n);
        List<Merchant> saved = merchants.inCommunity(community);
        assertEquals(n, saved.size());
        assertEquals(2 * n, merchants.offeringsOf(saved).size(), "two offerings a line");

        // every imported merchant's state reaches the compacted topic, for the matcher
        MerchantStateChanged some = publishedStates(community, n).stream().map(p -> (MerchantStateChanged) p)
                .filter(m -> m.name().equals("商户7")).findFirst().orElseThrow();
        assertEquals(List.of("MEDICINE", "ERRANDS"), some.categories());
        assertEquals(7, some.openingHours().size(), "每天 08:00-21:00");
        assertEquals(7 * 3 % 200, some.dailyCapacity());
    }

    @Test
    void aFileFullOfBadLinesImportsNothingAndReportsEachWithItsLineAndReason() {
        String community = newCommunity();
        String csv = HEADER + "\n"
                + line(1) + "\n"                                                                       // 2: fine
                + ",商户,代购药品,,,39.72,116.34,,10,送货上门,\n"                                          // 3: no name
                + "甲,超市,代购药品,,,39.72,116.34,,10,送货上门,\n"                                        // 4: kind
                + "乙,商户,,,,39.72,116.34,,10,送货上门,\n"                                                // 5: no offerings
                + "丙,商户,卖飞机,,,39.72,116.34,,10,送货上门,\n"                                          // 6: category
                + "丁,商户,代购药品：感冒药；代购药品：退烧药,,,39.72,116.34,,10,送货上门,\n"                  // 7: twice
                + "戊,商户,代购药品,12ab,,39.72,116.34,,10,送货上门,\n"                                    // 8: phone
                + "己,商户,代购药品,,,北纬39度,116.34,,10,送货上门,\n"                                      // 9: lat
                + "庚,商户,代购药品,,,39.72,116.34,周八 08:00-12:00,10,送货上门,\n"                          // 10: hours
                + "辛,商户,代购药品,,,39.72,116.34,,-5,送货上门,\n"                                        // 11: capacity
                + "壬,商户,代购药品,,,39.72,116.34,,10,飞过去,\n"                                          // 12: fulfilment
                + "癸,商户,代购药品：,,,91,116.34,,很多,送货上门,\n";                                       // 13: three
        JsonNode done = run("merchants", community, csv.getBytes(StandardCharsets.UTF_8), CSV, false);

        assertEquals("REJECTED", done.get("state").asText(), done.toString());
        assertEquals(0, done.get("importedRows").asInt());
        assertEquals(Map.ofEntries(
                Map.entry(3, "名称 EMPTY"),
                Map.entry(4, "类型 UNKNOWN_MERCHANT_KIND value=超市"),
                Map.entry(5, "提供服务 OFFERINGS_EMPTY"),
                Map.entry(6, "提供服务 UNKNOWN_CATEGORY value=卖飞机"),
                Map.entry(7, "提供服务 CATEGORY_TWICE category=代购药品"),
                Map.entry(8, "联系电话 NOT_A_PHONE"),
                Map.entry(9, "纬度 NOT_A_NUMBER value=北纬39度"),
                Map.entry(10, "营业时间 NOT_WEEKLY_HOURS value=周八 08:00-12:00"),
                Map.entry(11, "每日接单量 TOO_SMALL min=0"),
                Map.entry(12, "配送方式 UNKNOWN_FULFILMENT value=飞过去"),
                Map.entry(13, "提供服务 NO_DESCRIPTION category=代购药品 | 纬度 TOO_LARGE max=90"
                        + " | 每日接单量 NOT_A_NUMBER value=很多")),
                codesByLine(done));
        Map<Integer, String> byLine = byLine(done);
        assertEquals("提供服务: “代购药品”写了两次：每个服务类别只能写一次", byLine.get(7));
        assertEquals("配送方式: “飞过去”不是 送货上门、到店自取 或 均可", byLine.get(12));
        assertEquals(13, done.get("errorCount").asInt(), "line 13 has three problems: " + byLine.get(13));
        assertEquals(0, merchants.inCommunity(community).size(), "all or nothing");
    }

    @Test
    void aDryRunChecksEveryLineAndWritesNothingThenTheSameFileImportsEveryField() {
        String community = newCommunity();
        String csv = HEADER + "\n"
                + "兴华大药房,商户,\"代购药品：常用药代购，30分钟送达；代购代办：日用品\",010-6920 0001,兴华南里3号楼底商,"
                + "39.7284,116.3412,周一至周五 08:00-21:00；周日 09:00-18:00,40,送货上门,\n"
                + "兴华小学,共建单位,教育咨询,,兴华南里12号,39.7290,116.3420,,0,到店自取,\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        JsonNode dry = run("merchants", community, file, CSV, true);
        assertEquals("VALID", dry.get("state").asText(), dry.toString());
        assertEquals(2, dry.get("processedRows").asInt());
        assertEquals(0, dry.get("importedRows").asInt());
        assertEquals(0, merchants.inCommunity(community).size(), "a dry run writes nothing");

        JsonNode real = run("merchants", community, file, CSV, false);
        assertEquals("SUCCEEDED", real.get("state").asText(), real.toString());
        JsonNode list = get("/api/communities/" + community + "/merchants");
        assertEquals(2, list.size());
        JsonNode shop = list.get(0).get("merchant").get("name").asText().equals("兴华大药房") ? list.get(0) : list.get(1);
        JsonNode school = shop == list.get(0) ? list.get(1) : list.get(0);
        assertEquals("MERCHANT", shop.get("merchant").get("kind").asText());
        assertEquals("MEDICINE,ERRANDS", shop.get("merchant").get("categories").asText());
        assertEquals("01069200001", shop.get("merchant").get("phone").asText());
        assertEquals("兴华南里3号楼底商", shop.get("merchant").get("address").asText());
        assertEquals(40, shop.get("merchant").get("dailyCapacity").asInt());
        assertEquals("DELIVERY", shop.get("merchant").get("fulfilment").asText());
        assertEquals("MON 08:00-21:00,TUE 08:00-21:00,WED 08:00-21:00,THU 08:00-21:00,FRI 08:00-21:00,SUN 09:00-18:00",
                shop.get("merchant").get("openingHours").asText());
        assertEquals("常用药代购，30分钟送达", shop.get("offerings").get(1).get("description").asText(),
                shop.get("offerings").toString());
        assertEquals("PARTNER_UNIT", school.get("merchant").get("kind").asText());
        assertEquals("教育咨询", school.get("offerings").get(0).get("description").asText());
        assertEquals("PICKUP", school.get("merchant").get("fulfilment").asText());
    }

    @Test
    void anXlsxWorkbookWithChineseHeadersImports() throws IOException {
        String community = newCommunity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "OneCall test", "1.0")) {
            Worksheet ws = wb.newWorksheet("商户名录");
            // the headers in another order, with the required ones marked as Excel templates mark them
            String[] header = {"商户名称*", "经度（必填）", "纬度（必填）", "服务内容", "单位类型", "日接单量", "送货方式", "电话"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (int r = 1; r <= 3; r++) {
                ws.value(r, 0, "表格商户" + r);
                ws.value(r, 1, 116.3405);
                ws.value(r, 2, 39.7275 + r * 0.001);
                ws.value(r, 3, "代购代办：蔬菜水果\n送餐：午餐");
                ws.value(r, 4, r == 3 ? "驻区单位" : "商户");
                ws.value(r, 5, 30 * r);                      // a number cell
                ws.value(r, 6, "均可");
                ws.value(r, 7, 13700000000L + r);            // a phone typed as a number
            }
        }
        JsonNode done = run("merchants", community, out.toByteArray(), XLSX, false);
        assertEquals("SUCCEEDED", done.get("state").asText(), done.toString());
        List<Merchant> saved = merchants.inCommunity(community).stream()
                .sorted(java.util.Comparator.comparing(Merchant::name)).toList();
        assertEquals(3, saved.size());
        assertEquals(List.of(30, 60, 90), saved.stream().map(Merchant::dailyCapacity).toList());
        assertEquals("ERRANDS,MEALS", saved.get(0).categories());
        assertEquals("13700000001", saved.get(0).phone());
        assertEquals(Merchant.MerchantKind.PARTNER_UNIT, saved.get(2).kind());
        assertEquals(Merchant.Fulfilment.BOTH, saved.get(0).fulfilment());
    }

    @Test
    void aNameTwiceInTheFileOrAlreadyRegisteredIsReportedOnItsLine() {
        String community = newCommunity();
        assertEquals("SUCCEEDED", run("merchants", community, (HEADER + "\n" + line(1) + "\n")
                .getBytes(StandardCharsets.UTF_8), CSV, false).get("state").asText());
        String csv = HEADER + "\n" + line(2) + "\n" + line(1) + "\n" + line(3) + "\n" + line(2) + "\n";
        JsonNode done = run("merchants", community, csv.getBytes(StandardCharsets.UTF_8), CSV, true);
        assertEquals("REJECTED", done.get("state").asText(), done.toString());
        assertEquals(Map.of(3, "名称 ALREADY_EXISTS value=商户1", 5, "名称 DUPLICATE_IN_FILE line=2,value=商户2"),
                codesByLine(done));
        assertEquals("名称: 商户1 已经登记过，不能重复登记", byLine(done).get(3));
    }

    /** A good line: a pharmacy-grocer open every day, two offerings, capacity varying by line. */
    static String line(int i) {
        return "商户" + i + ",商户,代购药品：常用药；代购代办：日用品," + (13900000000L + i) + ",兴华南里" + i + "号,"
                + (39.70 + (i % 100) * 0.0005) + "," + (116.30 + (i / 100) * 0.0005)
                + ",每天 08:00-21:00," + (i * 3 % 200) + ",送货上门,备注" + i;
    }
}
