package org.onecall.dispatch.imports;

/** The volunteer sheet's columns (docs/import.md). */
enum VolunteerColumns implements Columns.Column {
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

    private final Columns.Spec spec;

    VolunteerColumns(boolean required, String... headers) {
        this.spec = new Columns.Spec(required, headers);
    }

    @Override
    public Columns.Spec spec() {
        return spec;
    }
}
