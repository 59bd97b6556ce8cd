package org.onecall.dispatch.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The volunteer sheet's columns, by their Chinese header (as communities' sheets have them) or
 * the English field name. docs/import.md documents the layout; keep the two in step.
 */
enum VolunteerColumns {
    NAME(true, "姓名", "name"),
    PHONE(true, "手机号", "手机", "电话", "联系电话", "phone"),
    KIND(false, "类型", "身份", "志愿者类型", "kind"),
    SKILLS(true, "技能", "服务类别", "特长", "skills"),
    GRID(false, "所属网格", "网格", "grid"),
    LAT(true, "纬度", "lat", "latitude"),
    LON(true, "经度", "lon", "longitude"),
    AVAILABILITY(false, "每周可服务时间", "可服务时间", "服务时间", "availability"),
    MAX_JOBS(false, "最多同时任务", "最多同时任务数", "maxConcurrentJobs"),
    LANGUAGES(false, "语言方言", "语言", "方言", "languages"),
    LEAVE(false, "请假时段", "请假", "leave"),
    ON_DUTY(false, "在岗", "onDuty"),
    STATUS(false, "状态", "status"),
    JOINED(false, "加入日期", "注册日期", "joinedOn"),
    TEAMS(false, "所属队伍", "队伍", "teams");

    final boolean required;
    final List<String> headers;

    VolunteerColumns(boolean required, String... headers) {
        this.required = required;
        this.headers = List.of(headers);
    }

    String header() {
        return headers.get(0);
    }

    static Optional<VolunteerColumns> of(String header) {
        String h = header.strip().replace("*", "").replace("（必填）", "").replace("(必填)", "").strip();
        for (VolunteerColumns c : values()) {
            for (String known : c.headers) {
                if (known.toLowerCase(Locale.ROOT).equals(h.toLowerCase(Locale.ROOT))) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Where each column is, plus header problems (missing, repeated) and the headers that are ignored. */
    record Layout(Map<VolunteerColumns, Integer> index, List<RowError> errors, List<String> ignored) {
    }

    static Layout layout(List<String> header) {
        Map<VolunteerColumns, Integer> index = new EnumMap<>(VolunteerColumns.class);
        List<RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                continue;
            }
            Optional<VolunteerColumns> c = of(h);
            if (c.isEmpty()) {
                ignored.add(h);
            } else if (index.putIfAbsent(c.get(), i) != null) {
                errors.add(new RowError(1, h, "the column " + c.get().header() + " appears twice"));
            }
        }
        for (VolunteerColumns c : values()) {
            if (c.required && !index.containsKey(c)) {
                errors.add(new RowError(1, c.header(), "the required column " + c.header() + " is missing"));
            }
        }
        return new Layout(index, errors, ignored);
    }
}
