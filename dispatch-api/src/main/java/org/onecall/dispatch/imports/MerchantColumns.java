package org.onecall.dispatch.imports;

/** The merchant and partner-unit sheet's columns (docs/import.md). */
enum MerchantColumns implements Columns.Column {
    NAME(true, "名称", "商户名称", "单位名称", "name"),
    KIND(false, "类型", "单位类型", "kind"),
    OFFERINGS(true, "提供服务", "服务内容", "服务类别", "offerings"),
    PHONE(false, "联系电话", "电话", "手机号", "phone"),
    ADDRESS(false, "地址", "address"),
    LAT(true, "纬度", "lat", "latitude"),
    LON(true, "经度", "lon", "longitude"),
    HOURS(false, "营业时间", "开放时间", "openingHours"),
    CAPACITY(false, "每日接单量", "每日服务量", "日接单量", "dailyCapacity"),
    FULFILMENT(false, "配送方式", "送货方式", "fulfilment");

    private final Columns.Spec spec;

    MerchantColumns(boolean required, String... headers) {
        this.spec = new Columns.Spec(required, headers);
    }

    @Override
    public Columns.Spec spec() {
        return spec;
    }
}
