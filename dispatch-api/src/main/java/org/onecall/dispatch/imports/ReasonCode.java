package org.onecall.dispatch.imports;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a line, a column or a whole file was not imported: a stable code for programs, a sentence in
 * Simplified Chinese and in English for people, with {@code {name}} filled from the reason's
 * parameters (docs/import.md lists them all). Jobs store the code and parameters and are put in
 * words when read, in the reader's language: never rename or remove a code, old jobs name it.
 */
enum ReasonCode {

    // ---- a cell (RowError.column names the column) ----

    EMPTY("不能为空", "is empty"),
    SKILLS_EMPTY("不能为空：请至少填写一项技能，例如 代购药品、送餐",
            "is empty: name at least one skill, e.g. 代购药品、送餐"),
    OFFERINGS_EMPTY("不能为空：请至少填写一个服务类别，例如 代购药品：常用药，30分钟送达",
            "is empty: name at least one category, e.g. 代购药品：常用药，30分钟送达"),
    NOT_A_NUMBER("“{value}”不是数字", "\"{value}\" is not a number"),
    NOT_YES_NO("“{value}”不是“是”或“否”", "\"{value}\" is not 是 or 否"),
    NOT_A_DATE("“{value}”不是日期，请写成 YYYY-MM-DD，例如 2024-05-01",
            "\"{value}\" is not a date YYYY-MM-DD, e.g. 2024-05-01"),
    UNKNOWN_CATEGORY("“{value}”不是已知的服务类别（例如 送餐、代购药品、维修、陪诊）",
            "\"{value}\" is not a known category (e.g. 送餐, 代购药品, 维修, 陪诊)"),
    UNKNOWN_VOLUNTEER_KIND("“{value}”不是 在职党员、离退休党员、邻里管家 或 居民",
            "\"{value}\" is not one of 在职党员, 离退休党员, 邻里管家, 居民"),
    UNKNOWN_STATUS("“{value}”不是“正常”或“暂停”", "\"{value}\" is not 正常 or 暂停"),
    UNKNOWN_MERCHANT_KIND("“{value}”不是“商户”或“共建单位”（驻区单位）",
            "\"{value}\" is not 商户 or 共建单位 (驻区单位)"),
    UNKNOWN_FULFILMENT("“{value}”不是 送货上门、到店自取 或 均可",
            "\"{value}\" is not 送货上门, 到店自取 or 均可"),
    NOT_WEEKLY_HOURS("“{value}”不是每周时间，请写成“星期 开始-结束”，例如 周一至周五 08:00-12:00",
            "\"{value}\" is not weekly hours \"days HH:MM-HH:MM\", e.g. 周一至周五 08:00-12:00"),
    NOT_A_PERIOD("“{value}”不是日期段，请写成 YYYY-MM-DD~YYYY-MM-DD，例如 2026-12-01~2026-12-07",
            "\"{value}\" is not a period YYYY-MM-DD~YYYY-MM-DD, e.g. 2026-12-01~2026-12-07"),
    PERIOD_ENDS_BEFORE_START("“{value}”的结束日期早于开始日期", "\"{value}\" ends before it starts"),
    CATEGORY_TWICE("“{category}”写了两次：每个服务类别只能写一次",
            "{category} is named twice: each category may be offered once"),
    NO_DESCRIPTION("“{category}：”后面没有写内容，例如 {category}：常用药代购，30分钟送达",
            "nothing is written after {category}：, e.g. {category}：常用药代购，30分钟送达"),
    NO_SUCH_TEAM("没有名为“{team}”的队伍（请先创建队伍）", "no team named {team} (create it first)"),
    DUPLICATE_IN_FILE("{value} 与第 {line} 行重复", "{value} is also on line {line}"),
    ALREADY_EXISTS("{value} 已经登记过，不能重复登记", "{value} is already registered"),
    /** The API's bean-validation rules ({@code @Pattern} on a phone). */
    NOT_A_PHONE("不是有效的电话号码", "must be a phone number"),
    TOO_LONG("太长了：最多 {max} 个字", "is too long: at most {max} characters"),
    TOO_MANY("太多了：最多 {max} 项", "has too many items: at most {max}"),
    TOO_SMALL("不能小于 {min}", "must be at least {min}"),
    TOO_LARGE("不能大于 {max}", "must be at most {max}"),
    IN_FUTURE("不能晚于今天", "cannot be in the future"),
    /** A rule or parser this list does not know by name: its own (English) words in {@code detail}. */
    INVALID("填写有误（{detail}）", "is not valid ({detail})"),

    // ---- the header line (line 1) ----

    MISSING_COLUMN("缺少必填的“{column}”列", "the required column {column} is missing"),
    DUPLICATE_COLUMN("“{column}”列出现了两次", "the column {column} appears twice"),

    // ---- the whole file (the job's message) ----

    FILE_EMPTY("文件是空的：第一行必须是列名", "the file is empty: the first line must be the column headers"),
    UNCLOSED_QUOTE("第 {line} 行：引号没有配对（一个用引号括起的内容没有结束）",
            "line {line}: a quoted field is never closed"),
    NOT_XLSX("无法读取这个 XLSX 工作簿，请在 Excel 中另存为 .xlsx 或 CSV 后重试（{detail}）",
            "not a readable XLSX workbook; save it again from Excel as .xlsx or CSV ({detail})"),
    TOO_MANY_ROWS("文件有 {rows} 行，一次最多导入 {max} 行：请拆分成几个文件",
            "the file has {rows} lines; at most {max} are imported at once: split it"),
    IGNORED_COLUMNS("以下列无法识别，已跳过：{columns}", "ignored columns: {columns}"),
    WRITE_CONFLICT("没有导入任何数据：检查之后、写入之前，已有人登记了其中的记录",
            "nothing was imported: some of these were registered by someone else after the file was checked"),
    WRITE_FAILED("没有导入任何数据：写入失败（{detail}）", "nothing was imported: writing failed ({detail})");

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

    private final String zh;
    private final String en;

    ReasonCode(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    String text(Language language) {
        return language == Language.EN ? en : zh;
    }

    /** The parameters the texts name, e.g. {@code [line, value]}. */
    Set<String> params() {
        return names(zh);
    }

    static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAM.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The sentence in {@code language}; a parameter not given is left as {@code {name}}. */
    String render(Language language, Map<String, String> params) {
        Matcher m = PARAM.matcher(text(language));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params == null ? null : params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        return m.appendTail(out).toString();
    }
}
