package org.onecall.dispatch.merchant;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.events.Category;
import org.onecall.events.TimeWindow;

/** A merchant or partner unit to register: what it provides per category, hours, capacity, delivery or pick-up. */
@Introspected
public record NewMerchant(@NotBlank @Size(max = 200) String name,
                          @NotNull Merchant.MerchantKind kind,
                          @NotEmpty @Size(max = 13) List<@Valid @NotNull Offering> offerings,
                          @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                          @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                          @Min(0) @Max(100000) int dailyCapacity,
                          @NotNull Merchant.Fulfilment fulfilment,
                          @Nullable @Size(max = 50) List<@NotNull TimeWindow> openingHours,
                          @Nullable @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                          @Nullable @Size(max = 400) String address) {

    @Introspected
    public record Offering(@NotNull Category category, @NotBlank @Size(max = 500) String description) {
    }
}
