package org.onecall.events;

/**
 * The needs list's recurring categories (see shared/DOMAIN.md). Volunteer skills and merchant
 * offerings use the same names, so matching is a plain equality.
 */
public enum Category {
    MEALS("送餐/吃饭", "Meals", false),
    MEDICINE("代购药品", "Medicine purchase and delivery", true),
    ERRANDS("代购代办", "Shopping and errands", true),
    REPAIRS("维修", "Home repairs", false),
    HOSPITAL_ESCORT("陪诊", "Hospital escort", false),
    HOME_CARE("居家养老/家政", "Home care and housekeeping", false),
    COMPANIONSHIP("陪伴/上门走访", "Companionship visits", false),
    COUNSELLING("心理疏导", "Psychological counselling", false),
    MEDIATION("纠纷调解", "Dispute mediation", false),
    POLICY_CONSULTING("政策咨询/代办手续", "Policy and benefits consulting", false),
    EDUCATION("教育咨询", "Education consulting and homework help", false),
    EMPLOYMENT("就业帮扶", "Employment help", false),
    ENVIRONMENT_SAFETY("环境/安全隐患", "Environment and safety problems", false);

    private final String zh;
    private final String en;
    private final boolean usuallyBuysGoods;

    Category(String zh, String en, boolean usuallyBuysGoods) {
        this.zh = zh;
        this.en = en;
        this.usuallyBuysGoods = usuallyBuysGoods;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public boolean usuallyBuysGoods() {
        return usuallyBuysGoods;
    }
}
