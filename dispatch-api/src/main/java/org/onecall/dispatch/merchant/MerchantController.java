package org.onecall.dispatch.merchant;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class MerchantController {

    private final Merchants merchants;

    MerchantController(Merchants merchants) {
        this.merchants = merchants;
    }

    /**
     * A merchant with what it provides, whether it is open right now, and today's count of jobs sent
     * to it ({@code remainingToday} is null when {@code dailyCapacity} is 0: no daily limit).
     */
    @Introspected
    record MerchantView(Merchant merchant, List<MerchantOffering> offerings, boolean openNow, int jobsToday,
                        @Nullable Integer remainingToday) {
    }

    @Introspected
    record Open(@NotNull Boolean open) {
    }

    @Post("/communities/{communityId}/merchants")
    @Status(HttpStatus.CREATED)
    MerchantView register(@PathVariable String communityId, @Valid @Body NewMerchant request) {
        return view(merchants.register(communityId, request));
    }

    @Get("/communities/{communityId}/merchants")
    List<MerchantView> list(@PathVariable String communityId) {
        return merchants.inCommunity(communityId).stream().map(this::view).toList();
    }

    @Get("/merchants/{id}")
    MerchantView get(@PathVariable long id) {
        return view(merchants.get(id));
    }

    /** The shop's own switch (closed for the holiday), on top of its opening hours. */
    @Put("/merchants/{id}/open")
    MerchantView open(@PathVariable long id, @Valid @Body Open open) {
        return view(merchants.setOpen(id, open.open()));
    }

    private MerchantView view(Merchant m) {
        int today = merchants.jobsToday(m);
        return new MerchantView(m, merchants.offeringsOf(m.id()), merchants.openNow(m), today,
                m.dailyCapacity() == 0 ? null : Math.max(0, m.dailyCapacity() - today));
    }
}
