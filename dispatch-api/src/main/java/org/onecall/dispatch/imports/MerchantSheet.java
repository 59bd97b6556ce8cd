package org.onecall.dispatch.imports;

import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.merchant.NewMerchant;
import org.onecall.events.Category;
import org.onecall.events.TimeWindow;

/**
 * The list of merchants and partner units (商户/共建单位名录): one line is one {@link NewMerchant},
 * checked by the same rules as the HTTP API, reported under the column's header.
 */
@Singleton
class MerchantSheet implements SheetKind<NewMerchant> {

    private static final Map<String, MerchantColumns> FIELD_TO_COLUMN = Map.ofEntries(
            Map.entry("name", MerchantColumns.NAME), Map.entry("kind", MerchantColumns.KIND),
            Map.entry("offerings", MerchantColumns.OFFERINGS), Map.entry("lat", MerchantColumns.LAT),
            Map.entry("lon", MerchantColumns.LON), Map.entry("dailyCapacity", MerchantColumns.CAPACITY),
            Map.entry("fulfilment", MerchantColumns.FULFILMENT), Map.entry("openingHours", MerchantColumns.HOURS),
            Map.entry("phone", MerchantColumns.PHONE), Map.entry("address", MerchantColumns.ADDRESS));

    private final Validator validator;
    private final Merchants merchants;

    MerchantSheet(Validator validator, Merchants merchants) {
        this.validator = validator;
        this.merchants = merchants;
    }

    @Override
    public String name() {
        return "merchants";
    }

    @Override
    public Reader<NewMerchant> reader(String communityId, List<String> header) {
        Columns.Layout<MerchantColumns> layout = Columns.layout(MerchantColumns.class, header);
        Once names = new Once(merchants.namesIn(communityId));
        return Reader.of(layout, cells -> {
            NewMerchant m = parse(cells);
            if (!m.name().isBlank()) {
                names.problem(m.name().strip(), cells.line().number())
                        .ifPresent(p -> cells.error(MerchantColumns.NAME, p));
            }
            return Parsed.of(cells, m, cells.validated(validator, m, FIELD_TO_COLUMN));
        });
    }

    private static NewMerchant parse(Cells<MerchantColumns> cells) {
        String name = cells.text(MerchantColumns.NAME);
        cells.required(MerchantColumns.NAME);
        Merchant.MerchantKind kind = cells.parse(MerchantColumns.KIND, MerchantSheet::kind,
                Merchant.MerchantKind.MERCHANT);
        List<NewMerchant.Offering> offerings = cells.parse(MerchantColumns.OFFERINGS, MerchantSheet::offerings,
                List.of());
        if (cells.text(MerchantColumns.OFFERINGS).isEmpty()) {
            cells.error(MerchantColumns.OFFERINGS, ReasonCode.OFFERINGS_EMPTY);
        }
        Double lat = cells.parse(MerchantColumns.LAT, Cells::number, null);
        Double lon = cells.parse(MerchantColumns.LON, Cells::number, null);
        cells.required(MerchantColumns.LAT);
        cells.required(MerchantColumns.LON);
        List<TimeWindow> hours = cells.parse(MerchantColumns.HOURS, Cells::hours, List.of());
        Integer capacity = cells.parse(MerchantColumns.CAPACITY, Cells::whole, 0);
        Merchant.Fulfilment fulfilment = cells.parse(MerchantColumns.FULFILMENT, MerchantSheet::fulfilment,
                Merchant.Fulfilment.BOTH);
        String phone = cells.text(MerchantColumns.PHONE);
        String address = cells.text(MerchantColumns.ADDRESS);
        return new NewMerchant(name, kind, offerings, lat, lon, capacity, fulfilment, hours,
                phone.isEmpty() ? null : phone, address.isEmpty() ? null : address);
    }

    private static Merchant.MerchantKind kind(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "商户", "商家", "店铺", "MERCHANT" -> Merchant.MerchantKind.MERCHANT;
            case "共建单位", "驻区单位", "单位", "PARTNER_UNIT" -> Merchant.MerchantKind.PARTNER_UNIT;
            default -> throw new Reason.Bad(ReasonCode.UNKNOWN_MERCHANT_KIND, "value", text);
        };
    }

    private static Merchant.Fulfilment fulfilment(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "送货上门", "配送", "送货", "上门", "DELIVERY" -> Merchant.Fulfilment.DELIVERY;
            case "到店自取", "自取", "自提", "到店", "PICKUP" -> Merchant.Fulfilment.PICKUP;
            case "均可", "都可以", "送货或自取", "配送或自取", "BOTH" -> Merchant.Fulfilment.BOTH;
            default -> throw new Reason.Bad(ReasonCode.UNKNOWN_FULFILMENT, "value", text);
        };
    }

    /**
     * Items separated by ； ; or line breaks, each {@code 类别：说明} ("代购药品：常用药代购，30分钟送达"); an
     * item without a colon is one or more bare categories ("代购药品、代购代办"), described by their name.
     */
    static List<NewMerchant.Offering> offerings(String text) {
        List<NewMerchant.Offering> out = new ArrayList<>();
        Set<Category> seen = new HashSet<>();
        for (String item : text.split("[;；\\r\\n]+")) {
            String t = item.strip();
            if (t.isEmpty()) {
                continue;
            }
            int colon = firstColon(t);
            List<NewMerchant.Offering> here = colon < 0
                    ? Cells.list(t).stream().map(c -> new NewMerchant.Offering(Cells.category(c), Cells.category(c).zh()))
                    .toList()
                    : List.of(new NewMerchant.Offering(Cells.category(t.substring(0, colon)),
                    t.substring(colon + 1).strip()));
            for (NewMerchant.Offering o : here) {
                if (!seen.add(o.category())) {
                    throw new Reason.Bad(ReasonCode.CATEGORY_TWICE, "category", o.category().zh());
                }
                if (o.description().isEmpty()) {
                    throw new Reason.Bad(ReasonCode.NO_DESCRIPTION, "category", o.category().zh());
                }
                out.add(o);
            }
        }
        return out;
    }

    private static int firstColon(String t) {
        int a = t.indexOf(':');
        int b = t.indexOf('：');
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    @Override
    public int write(String communityId, List<NewMerchant> rows, IntConsumer progress) {
        return merchants.registerAll(communityId, rows, progress).size();
    }

}
