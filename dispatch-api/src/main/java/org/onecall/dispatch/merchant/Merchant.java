package org.onecall.dispatch.merchant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.onecall.events.Location;
import org.onecall.events.TimeWindow;

/**
 * A merchant or partner unit. {@code categories} (comma-separated) is what it provides, each
 * described in {@link MerchantOffering}; {@code openingHours} is {@link TimeWindow#formatAll}'s text
 * (empty: no weekly limit); {@code isOpen} is its own switch on top of the hours. {@code jobsCounted}
 * jobs were sent to it on {@code countedOn}, a day in the community's time zone ({@code dailyCapacity}
 * 0: no daily limit, the jobs are still counted).
 */
@MappedEntity("merchant")
public record Merchant(@Id @GeneratedValue @Nullable Long id, String communityId, String name, String categories,
                       double lat, double lon, boolean isOpen, int dailyCapacity, Instant createdAt,
                       MerchantKind kind, @Nullable String phone, @Nullable String address, String openingHours,
                       Fulfilment fulfilment, int jobsCounted, @Nullable LocalDate countedOn) {

    public List<String> categoryList() {
        return Merchants.split(categories);
    }

    public List<TimeWindow> hours() {
        return TimeWindow.parseAll(openingHours);
    }

    /** Jobs sent to it on {@code day}: an earlier day's count is no count today. */
    public int jobsOn(LocalDate day) {
        return day.equals(countedOn) ? jobsCounted : 0;
    }

    public Location location() {
        return new Location(lat, lon);
    }

    public enum MerchantKind {
        /** 商户: shops, pharmacies, canteens. */
        MERCHANT,
        /** 共建单位 / 驻区单位: schools, clinics, companies, property management. */
        PARTNER_UNIT
    }

    public enum Fulfilment {
        DELIVERY, PICKUP, BOTH
    }
}
